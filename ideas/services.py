"""Writes of the ideas app: one function per use case.

Each checks permission first through `community.access`, validates, and writes in one
transaction; on refusal it raises PermissionDenied or ValidationError and writes
nothing. Counters are changed in the database (F expressions), never read-modify-write
in Python, so concurrent votes and comments are all counted.
"""

from datetime import timedelta
from typing import NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access, audit_services
from community.conduct_selectors import suspension_notice_for
from community.models import ModerationAction, Profile, Space, User
from community.selectors import profile_for
from community.services import move_notifications
from community.terms_selectors import acceptances_of, current_terms
from community.validators import normalise_plain_text, validate_plain_text
from ideas import moderation_services, trust
from ideas.images import MAX_IMAGES_PER_IDEA, reencode_image
from ideas.models import (
    BODY_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    PROBLEM_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    TITLE_MIN_LENGTH,
    Category,
    Comment,
    Follow,
    HiddenReason,
    Idea,
    IdeaImage,
    StatusChange,
    TrackerLink,
    Vote,
    trending_score,
)
from ideas.notifications import notify_merged, notify_official_response, notify_status_change
from ideas.signals import (
    idea_created,
    idea_merged,
    idea_status_changed,
    idea_unmerged,
    idea_updated,
    idea_voted,
)

COMMENT_EDIT_WINDOW = timedelta(minutes=15)
MAX_TAGS = 5
TAG_MAX_LENGTH = 30


class Conflict(ValidationError):
    """The request clashes with what is already there (HTTP 409 in the API)."""


IMPORTANCE_COUNTERS = {
    Vote.Importance.NICE_TO_HAVE: "votes_nice_to_have",
    Vote.Importance.IMPORTANT: "votes_important",
    Vote.Importance.BLOCKER: "votes_blocker",
}


def _require_contributor(user: User, space: Space, message: str) -> None:
    if not access.can_contribute(user, space):
        raise PermissionDenied(suspension_notice_for(user, space) or message)


def _clean_title(title: str) -> str:
    title = normalise_plain_text(title)
    if not TITLE_MIN_LENGTH <= len(title) <= TITLE_MAX_LENGTH:
        raise ValidationError(
            {
                "title": _("The title needs %(min)s to %(max)s characters.")
                % {"min": TITLE_MIN_LENGTH, "max": TITLE_MAX_LENGTH}
            }
        )
    try:
        validate_plain_text(title)
    except ValidationError as error:
        raise ValidationError({"title": error.messages}) from error
    return title


def _clean_text(value: str, *, field: str, limit: int, required: bool = False) -> str:
    value = value.replace("\r\n", "\n").strip()
    if required and not value:
        raise ValidationError({field: _("This field cannot be empty.")})
    if len(value) > limit:
        raise ValidationError(
            {field: _("Keep it under %(limit)s characters (now %(length)s).") % {"limit": limit, "length": len(value)}}
        )
    return value


def _touch(idea: Idea) -> None:
    Idea.objects.filter(pk=idea.pk).update(updated_at=timezone.now())


def _accepted_terms(author: User, space: Space) -> dict:
    """The submission terms in force in `space` and when `author` accepted them (the later of the two
    acceptances), as Idea fields; ValidationError on `terms` if they have not accepted them all."""
    site_terms, space_terms = current_terms(space)
    current = [terms for terms in (site_terms, space_terms) if terms is not None]
    if not current:
        return {}
    accepted = acceptances_of(author, current)
    if len(accepted) < len(current):
        raise ValidationError({"terms": _("Accept the submission terms first.")})
    return {"site_terms": site_terms, "space_terms": space_terms, "terms_accepted_at": max(accepted.values())}


@transaction.atomic
def submit_idea(
    author: User,
    space: Space,
    title: str,
    body: str,
    category: Category | None = None,
    problem: str = "",
    *,
    images=(),
    tags=(),
    on_behalf_of: User | None = None,
) -> Idea:
    """Post a new idea; its author votes for it and follows it.

    A moderator may post for a customer (`on_behalf_of`, e.g. an idea heard by support):
    the customer is its author, and their vote is a proxy vote.

    The author must have accepted the current submission terms (the site's, and the
    space's own if it has any); the idea keeps which versions and when. An idea posted on
    someone's behalf keeps none: that person accepted nothing.
    """
    if on_behalf_of is None:
        _require_contributor(author, space, _("You cannot post ideas in this space."))
    elif not access.can_moderate(author, space):
        raise PermissionDenied(_("Only moderators may post an idea on someone's behalf."))
    elif not access.can_view(on_behalf_of, space):
        raise ValidationError({"on_behalf_of": _("This person cannot see this space.")})
    if category is not None and category.space_id != space.pk:
        raise ValidationError({"category": _("Choose a category of this space.")})
    if len(images) > MAX_IMAGES_PER_IDEA:
        raise ValidationError({"images": _("Attach at most %(count)s images.") % {"count": MAX_IMAGES_PER_IDEA}})
    terms = _accepted_terms(author, space) if on_behalf_of is None else {}
    cleaned = {
        "title": _clean_title(title),
        "problem": _clean_text(problem, field="problem", limit=PROBLEM_MAX_LENGTH),
        "body": _clean_text(body, field="body", limit=BODY_MAX_LENGTH),
    }
    trust.check_links(author, cleaned)
    clean_tags = _clean_tags(tags)
    clean_images = [reencode_image(upload) for upload in images]
    now = timezone.now()
    held = on_behalf_of is None and moderation_services.needs_approval(author, space)
    idea = Idea.objects.create(
        space=space,
        category=category,
        author=on_behalf_of or author,
        trending_score=trending_score(0, now),
        hidden=held,
        hidden_reason=HiddenReason.PENDING if held else "",
        **cleaned,
        **terms,
    )
    for content in clean_images:
        IdeaImage.objects.create(idea=idea, image=content)
    if clean_tags:
        idea.tags.set(clean_tags)
    cast_vote(author, idea, on_behalf_of=on_behalf_of)
    trust.refresh_trust_level(idea.author)
    idea.refresh_from_db()
    if not held:  # a held idea is announced when a moderator approves it
        idea_created.send(sender=Idea, actor=author, idea=idea)
    return idea


def _clean_tags(tags) -> list[str]:
    """At most MAX_TAGS short plain-text tags, lower-case, each once."""
    cleaned = []
    for tag in tags:
        tag = normalise_plain_text(str(tag)).lower()
        if not 1 <= len(tag) <= TAG_MAX_LENGTH:
            raise ValidationError({"tags": _("Each tag needs 1 to %(max)s characters.") % {"max": TAG_MAX_LENGTH}})
        try:
            validate_plain_text(tag)
        except ValidationError as error:
            raise ValidationError({"tags": error.messages}) from error
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(count)s tags.") % {"count": MAX_TAGS}})
    return cleaned


def _voter_segment(voter: User) -> str:
    return profile_for(voter).segment or Profile.Segment.CUSTOMER


def _segment_counter(vote: Vote) -> str:
    return f"votes_{vote.segment}"


def _recount_trending(idea: Idea) -> None:
    """Recompute the trending score from the count this transaction now sees (and keep that count)."""
    vote_count, created_at = Idea.objects.values_list("vote_count", "created_at").get(pk=idea.pk)
    Idea.objects.filter(pk=idea.pk).update(trending_score=trending_score(vote_count, created_at))
    idea.vote_count = vote_count


@transaction.atomic
def cast_vote(user: User, idea: Idea, importance: str | None = None, *, on_behalf_of: User | None = None) -> Vote:
    """Count a voter once; voting again only changes how much it matters to them.

    A moderator may vote for a customer (a proxy vote, e.g. heard by support): the
    moderator vouches for the person, who must be able to see the idea but need not
    have verified an address (support may have captured it).
    """
    voter = on_behalf_of or user
    if on_behalf_of is not None and not access.can_moderate(user, idea.space):
        raise PermissionDenied(_("Only moderators may vote on someone's behalf."))
    if not access.can_view(voter, idea):
        raise PermissionDenied(_("You cannot vote in this space."))
    if on_behalf_of is None:
        _require_contributor(voter, idea.space, _("You cannot vote in this space."))
    elif not voter.is_active:
        raise PermissionDenied(_("You cannot vote in this space."))
    if _lock_ideas(idea.pk)[idea.pk].status == Idea.Status.DUPLICATE:  # locked: a merge may be moving its votes
        raise Conflict(_("This idea was merged into another; vote for that one instead."))
    if importance and importance not in Vote.Importance.values:
        raise ValidationError({"importance": _("Choose nice to have, important or blocker.")})
    importance = importance or ""

    vote = Vote.objects.select_for_update().filter(idea=idea, user=voter).first()
    if vote is None:
        try:
            with transaction.atomic():
                vote = Vote.objects.create(
                    idea=idea, user=voter, importance=importance, segment=_voter_segment(voter), cast_by=user
                )
        except IntegrityError:
            # The same person voted at the same moment in another request: that vote counts.
            return Vote.objects.get(idea=idea, user=voter)
        counters = {
            "vote_count": F("vote_count") + 1,
            _segment_counter(vote): F(_segment_counter(vote)) + 1,
            "updated_at": timezone.now(),
        }
        if importance:
            counters[IMPORTANCE_COUNTERS[importance]] = F(IMPORTANCE_COUNTERS[importance]) + 1
        Idea.objects.filter(pk=idea.pk).update(**counters)
        _recount_trending(idea)
        Follow.objects.get_or_create(idea=idea, user=voter)
        idea_voted.send(sender=Vote, actor=user, idea=idea, vote=vote)
    elif importance and importance != vote.importance:
        counters = {IMPORTANCE_COUNTERS[importance]: F(IMPORTANCE_COUNTERS[importance]) + 1}
        if vote.importance:
            counters[IMPORTANCE_COUNTERS[vote.importance]] = F(IMPORTANCE_COUNTERS[vote.importance]) - 1
        Idea.objects.filter(pk=idea.pk).update(**counters)
        Vote.objects.filter(pk=vote.pk).update(importance=importance)
        vote.importance = importance
    return vote


@transaction.atomic
def retract_vote(user: User, idea: Idea) -> bool:
    """Take `user`'s vote back; False if there was none."""
    _lock_ideas(idea.pk)  # before the vote, in the order a merge takes them
    vote = Vote.objects.select_for_update().filter(idea=idea, user=user).first()
    if vote is None:
        return False
    vote.delete()
    counters = {
        "vote_count": F("vote_count") - 1,
        _segment_counter(vote): F(_segment_counter(vote)) - 1,
        "updated_at": timezone.now(),
    }
    if vote.importance:
        counters[IMPORTANCE_COUNTERS[vote.importance]] = F(IMPORTANCE_COUNTERS[vote.importance]) - 1
    Idea.objects.filter(pk=idea.pk).update(**counters)
    _recount_trending(idea)
    return True


@transaction.atomic
def follow_idea(user: User, idea: Idea) -> Follow:
    if not access.can_view(user, idea):
        raise PermissionDenied(_("You cannot follow this idea."))
    _require_contributor(user, idea.space, _("You cannot follow this idea."))
    follow, _created = Follow.objects.get_or_create(idea=idea, user=user)
    return follow


@transaction.atomic
def unfollow_idea(user: User, idea: Idea) -> None:
    Follow.objects.filter(idea=idea, user=user).delete()


@transaction.atomic
def add_comment(author: User, idea: Idea, body: str, parent: Comment | None = None, official: bool = False) -> Comment:
    """Comment on an idea, or reply to a comment (a reply to a reply joins its thread).

    An official comment speaks for the organisation: moderators of the space and staff only.
    """
    if not access.can_view(author, idea):
        raise PermissionDenied(_("You cannot comment in this space."))
    _require_contributor(author, idea.space, _("You cannot comment in this space."))
    if official and not access.can_moderate(author, idea.space):
        raise PermissionDenied(_("Only moderators may answer officially."))
    if idea.comments_locked and not access.can_moderate(author, idea.space):
        raise PermissionDenied(_("Comments on this idea are locked."))
    if parent is not None:
        if parent.parent_id is not None:
            parent = parent.parent
        parent.refresh_from_db(fields=["kept_in_space"])  # where the thread is now, if its idea moved since
        if parent.idea_id != idea.pk or not _can_read_kept(author, parent):
            raise ValidationError({"parent": _("That comment belongs to another idea.")})
    body = _clean_text(body, field="body", limit=COMMENT_MAX_LENGTH, required=True)
    trust.check_links(author, {"body": body})
    lands_in = parent.kept_in_space if parent is not None and parent.kept_in_space_id else idea.space
    held = not official and moderation_services.needs_approval(author, lands_in)
    comment = Comment.objects.create(
        idea=idea,
        author=author,
        parent=parent,
        body=body,
        is_official=official,
        kept_in_space_id=parent.kept_in_space_id if parent is not None else None,
        hidden=held,
        hidden_reason=HiddenReason.PENDING if held else "",
    )
    counted = {"comment_count": F("comment_count") + 1} if comment.kept_in_space_id is None and not held else {}
    Idea.objects.filter(pk=idea.pk).update(**counted, updated_at=timezone.now())
    Follow.objects.get_or_create(idea=idea, user=author)
    trust.refresh_trust_level(author)
    if official:
        notify_official_response(comment)
    if not held:  # a held comment is announced when a moderator approves it
        moderation_services.announce_comment(comment)
    return comment


def _can_read_kept(user: User, comment: Comment) -> bool:
    """Whether `user` may read `comment` as far as the space it stayed behind in goes."""
    kept_in = comment.kept_in_space_id
    return kept_in is None or access.visible_spaces(user).filter(pk=kept_in).exists()


def _require_comment_author_or_moderator(user: User, comment: Comment, message: str) -> bool:
    """True if `user` acts as a moderator, False as the author; PermissionDenied otherwise."""
    if access.can_moderate(user, comment.idea.space):
        return True
    if comment.author_id == user.pk and access.can_contribute(user, comment.idea.space):
        return False
    raise PermissionDenied(message)


@transaction.atomic
def edit_comment(user: User, comment: Comment, body: str) -> Comment:
    """Authors may correct their comment for 15 minutes; moderators at any time."""
    as_moderator = _require_comment_author_or_moderator(user, comment, _("You cannot edit this comment."))
    if comment.is_deleted:
        raise ValidationError(_("A deleted comment cannot be edited."))
    if not as_moderator and timezone.now() - comment.created_at > COMMENT_EDIT_WINDOW:
        raise PermissionDenied(_("Comments can be edited for 15 minutes after posting."))
    comment.body = _clean_text(body, field="body", limit=COMMENT_MAX_LENGTH, required=True)
    trust.check_links(user, {"body": comment.body})
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    return comment


@transaction.atomic
def delete_comment(user: User, comment: Comment) -> Comment:
    """Remove what a comment said, leaving a tombstone so replies keep their place."""
    _require_comment_author_or_moderator(user, comment, _("You cannot delete this comment."))
    if comment.is_deleted:
        return comment
    comment.body = ""
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["body", "deleted_at"])
    if comment.kept_in_space_id is None and not comment.hidden:  # nor are those stayed behind or hidden
        Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") - 1)
    return comment


def change_status(actor: User, idea: Idea, status: str, message: str = "") -> StatusChange:
    """Move an idea along (planned, shipped, …); the message is the official response."""
    if not access.can_moderate(actor, idea.space):
        _refuse_moderation(
            actor,
            idea,
            ModerationAction.Action.STATUS_CHANGE,
            _("Only moderators of this space may change the status of its ideas."),
        )
    return _change_status(actor, idea, status, message)


@transaction.atomic
def _change_status(actor: User, idea: Idea, status: str, message: str) -> StatusChange:
    if status not in Idea.Status.values:
        raise ValidationError({"status": _("Unknown status %(status)s.") % {"status": status}})
    message = _clean_text(message, field="message", limit=COMMENT_MAX_LENGTH)
    current, merged_into = Idea.objects.select_for_update().values_list("status", "merged_into").get(pk=idea.pk)
    if merged_into is not None:
        raise Conflict(
            _("This idea is merged into #%(id)s; undo the merge to change its status.") % {"id": merged_into}
        )
    if status == current and not message:
        raise ValidationError({"status": _("The idea already has this status; add a message to post an update.")})
    change = StatusChange.objects.create(idea=idea, from_status=current, to_status=status, message=message, actor=actor)
    Idea.objects.filter(pk=idea.pk).update(status=status, updated_at=change.created_at)
    audit_services.record_action(
        actor,
        ModerationAction.Action.STATUS_CHANGE,
        target=idea,
        reason=message,
        before={"status": current},
        after={"status": status},
    )
    idea.status = status
    idea.updated_at = change.created_at
    notify_status_change(change)
    idea_status_changed.send(sender=Idea, actor=actor, idea=idea, change=change)
    return change


# How far along an idea is, for combining what several trackers say: the idea moves to
# the least advanced status among its links, so it is shipped when every team has shipped.
STATUS_PROGRESS = [
    Idea.Status.NEW,
    Idea.Status.UNDER_REVIEW,
    Idea.Status.PLANNED,
    Idea.Status.IN_PROGRESS,
    Idea.Status.SHIPPED,
    Idea.Status.DECLINED,
]
_url_validator = URLValidator(schemes=["http", "https"])


def _require_moderator(actor: User, idea: Idea, message: str) -> None:
    if not access.can_moderate(actor, idea.space):
        raise PermissionDenied(message)


def _clean_link_field(value: str, *, field: str, limit: int, required: bool = True) -> str:
    value = normalise_plain_text(str(value))
    if required and not value:
        raise ValidationError({field: _("This field cannot be empty.")})
    if len(value) > limit:
        raise ValidationError({field: _("Keep it under %(limit)s characters.") % {"limit": limit}})
    try:
        validate_plain_text(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return value


def clean_status_mapping(mapping) -> dict[str, str]:
    if not isinstance(mapping, dict):
        raise ValidationError({"status_mapping": _("Map tracker states to idea statuses.")})
    allowed = set(STATUS_PROGRESS)
    for state, status in mapping.items():
        if not isinstance(state, str) or not isinstance(status, str) or status not in allowed:
            raise ValidationError(
                {
                    "status_mapping": _("%(state)s maps to an unknown status %(status)s.")
                    % {"state": state, "status": status}
                }
            )
    return dict(mapping)


def idea_status_from_links(links) -> str | None:
    """The status the tracker links agree on, or None if they do not all say one.

    Links whose integration set no mapping have no say; if any other link's state maps to
    nothing, the idea stays where it is.
    """
    statuses = [link.mapped_status for link in links if link.status_mapping]
    if not statuses or None in statuses:
        return None
    return min(statuses, key=STATUS_PROGRESS.index)


@transaction.atomic
def link_tracker(
    actor: User, idea: Idea, *, tracker: str, key: str, url: str, state: str = "", status_mapping=None
) -> TrackerLink:
    """Record that an issue in an R&D tracker carries `idea` forward (moderators and staff)."""
    _require_moderator(actor, idea, _("Only moderators of this space may link its ideas to trackers."))
    cleaned = {
        "tracker": _clean_link_field(tracker, field="tracker", limit=40),
        "key": _clean_link_field(key, field="key", limit=100),
        "state": _clean_link_field(state, field="state", limit=60, required=False),
        "status_mapping": clean_status_mapping(status_mapping or {}),
    }
    try:
        _url_validator(url)
    except ValidationError as error:
        raise ValidationError({"url": _("Give the issue's http or https address.")}) from error
    if len(url) > TrackerLink._meta.get_field("url").max_length:
        raise ValidationError({"url": _("Keep the address under 500 characters.")})
    duplicate = Conflict(_("This idea is already linked to %(tracker)s %(key)s.") % cleaned)
    if TrackerLink.objects.filter(idea=idea, tracker=cleaned["tracker"], key=cleaned["key"]).exists():
        raise duplicate
    try:
        with transaction.atomic():
            link = TrackerLink.objects.create(idea=idea, url=url, created_by=actor, **cleaned)
    except IntegrityError as error:
        raise duplicate from error  # linked by someone else at the same moment
    _follow_tracker_links(actor, idea, _link_news(link))
    return link


@transaction.atomic
def update_tracker_link(actor: User, link: TrackerLink, *, state: str, status_mapping=None) -> TrackerLink:
    """Take a tracker issue's new state; the idea moves if its links now agree on a status."""
    idea = link.idea
    _require_moderator(actor, idea, _("Only moderators of this space may update its tracker links."))
    state = _clean_link_field(state, field="state", limit=60, required=False)
    mapping = link.status_mapping if status_mapping is None else clean_status_mapping(status_mapping)
    if (state, mapping) == (link.state, link.status_mapping):
        return link
    link.state, link.status_mapping = state, mapping
    link.save(update_fields=["state", "status_mapping", "updated_at"])
    _follow_tracker_links(actor, idea, _link_news(link))
    return link


@transaction.atomic
def unlink_tracker(actor: User, link: TrackerLink) -> None:
    """Remove a link; if it was the one holding the idea back, the others may now move it."""
    idea = link.idea
    _require_moderator(actor, idea, _("Only moderators of this space may remove its tracker links."))
    link.delete()
    _follow_tracker_links(actor, idea, _("%(tracker)s %(key)s is no longer linked.") % vars(link))


def _link_news(link: TrackerLink) -> str:
    return _("%(tracker)s %(key)s is now %(state)s.") % {"tracker": link.tracker, "key": link.key, "state": link.state}


def _follow_tracker_links(actor: User, idea: Idea, news: str) -> None:
    """Move the idea to the status its links agree on (`news` says why), or else mark it updated."""
    status = idea_status_from_links(TrackerLink.objects.filter(idea=idea))
    current = Idea.objects.values_list("status", flat=True).get(pk=idea.pk)
    if status is not None and status != current and current != Idea.Status.DUPLICATE:
        change_status(actor, idea, status, news)
        return
    _touch(idea)
    idea_updated.send(sender=Idea, actor=actor, idea=idea)


def move_idea(actor: User, idea: Idea, to_space: Space, *, carry_comments: bool = False) -> Idea:
    """Move `idea` to another space (e.g. from the internal space, where employees shaped it,
    to a public one), by a moderator of both. Votes and status history go with it.

    Comments stay behind in the old space (`kept_in_space`) unless `carry_comments`;
    comments that stayed behind in `to_space` on an earlier move travel again. Whoever
    cannot see `to_space` loses the idea at once: their follows go, and the notifications
    they had about it move to `to_space`, where the access rule hides them.
    """
    if not (access.can_moderate(actor, idea.space) and access.can_moderate(actor, to_space)):
        _refuse_moderation(
            actor,
            idea,
            ModerationAction.Action.MOVE,
            _("Only moderators of both spaces may move an idea between them."),
        )
    return _move_idea(actor, idea, to_space, carry_comments=carry_comments)


@transaction.atomic
def _move_idea(actor: User, idea: Idea, to_space: Space, *, carry_comments: bool) -> Idea:
    from_space = idea.space
    if to_space.pk == from_space.pk:
        raise ValidationError({"to_space": _("The idea is already in this space.")})
    if Idea.objects.select_for_update().values_list("status", flat=True).get(pk=idea.pk) == Idea.Status.DUPLICATE:
        raise Conflict(_("A merged idea cannot move; move the idea it was merged into."))
    comments = Comment.objects.filter(idea=idea)
    if not carry_comments:
        comments.filter(kept_in_space=None).update(kept_in_space=from_space)
    comments.filter(kept_in_space=to_space).update(kept_in_space=None)
    category = idea.category and Category.objects.filter(space=to_space, slug=idea.category.slug).first()
    fields = {
        "space": to_space,
        "category": category,
        "comment_count": comments.filter(kept_in_space=None, deleted_at=None, hidden=False).count(),
        "updated_at": timezone.now(),
    }
    Idea.objects.filter(pk=idea.pk).update(**fields)
    for name, value in fields.items():
        setattr(idea, name, value)
    Follow.objects.filter(idea=idea).exclude(user__in=access.audience(to_space, User.objects.all())).delete()
    move_notifications(idea, to_space, from_space=from_space)
    audit_services.record_action(
        actor,
        ModerationAction.Action.MOVE,
        target=idea,
        space=from_space,
        before={"space": from_space.slug},
        after={"space": to_space.slug, "carry_comments": carry_comments},
    )
    idea_updated.send(sender=Idea, actor=actor, idea=idea)
    return idea


def _refuse_moderation(actor: User, idea: Idea, action: ModerationAction.Action, message: str) -> NoReturn:
    """Refuse a moderator's act on `idea`; logged (as REFUSED) when the actor can see the idea,
    so that a moderator trying their hand outside their spaces is on record."""
    if access.can_view(actor, idea):
        audit_services.refuse(actor, action, target=idea, space=idea.space, message=message)
    raise PermissionDenied(message)


# --- Merging duplicates ---


def _lock_ideas(*pks: int) -> dict[int, Idea]:
    """Lock the ideas' rows, always in pk order, so that two merges (or a merge and a vote)
    wait for each other instead of deadlocking; returns the fresh rows by pk."""
    ideas = Idea.objects.select_for_update().filter(pk__in=sorted(set(pks))).order_by("pk")
    return {idea.pk: idea for idea in ideas}


def _recount_votes(idea: Idea) -> dict[str, int]:
    """Set every vote counter of `idea` (and its trending score) from its Vote rows."""
    counts = Vote.objects.filter(idea=idea).aggregate(
        vote_count=Count("pk"),
        **{field: Count("pk", filter=Q(importance=importance)) for importance, field in IMPORTANCE_COUNTERS.items()},
        **{f"votes_{segment}": Count("pk", filter=Q(segment=segment)) for segment in Profile.Segment.values},
    )
    Idea.objects.filter(pk=idea.pk).update(
        **counts, trending_score=trending_score(counts["vote_count"], idea.created_at), updated_at=timezone.now()
    )
    return counts


def _merge_note(template: str, source: Idea, target: Idea) -> str:
    """A line for the source's public history naming the other idea: its title only where everyone
    who can read the source can read it too (same space, or a public one, and not hidden)."""
    readable = (target.space_id == source.space_id or target.space.is_public) and not target.hidden
    title = f": {target.title}" if readable else ""
    return template % {"id": target.pk, "title": title}


def _summary(idea: Idea, counts: dict[str, int] | None = None) -> dict:
    return {"id": idea.pk, "status": idea.status, "vote_count": (counts or {}).get("vote_count", idea.vote_count)}


def merge_ideas(actor: User, source: Idea, target: Idea, *, reason: str = "") -> Idea:
    """Merge `source`, a duplicate, into `target`: the source becomes `duplicate` and points to
    the target; its votes move there, once per person (a voter of both keeps their vote on the
    source, which then no longer counts anywhere else), its followers follow the target too, its
    comments stay on it. Its voters are told. Moderators of both spaces, or staff.
    """
    if not access.can_merge(actor, source.space, target.space):
        _refuse_moderation(
            actor, source, ModerationAction.Action.MERGE, _("Only moderators of both spaces may merge these ideas.")
        )
    if source.pk == target.pk:
        raise Conflict(_("An idea cannot be merged into itself."))
    reason = _clean_text(reason, field="reason", limit=COMMENT_MAX_LENGTH)
    return _merge(actor, source.pk, target.pk, reason)


@transaction.atomic
def _merge(actor: User, source_pk: int, target_pk: int, reason: str) -> Idea:
    locked = _lock_ideas(source_pk, target_pk)
    source, target = locked[source_pk], locked[target_pk]
    if source.merged_into_id is not None:
        raise Conflict(
            _("Idea #%(id)s is already merged into #%(into)s; undo that merge first.")
            % {"id": source.pk, "into": source.merged_into_id}
        )
    if target.merged_into_id is not None:
        raise Conflict(
            _("Idea #%(id)s is itself merged into #%(into)s; merge into that one instead.")
            % {"id": target.pk, "into": target.merged_into_id}
        )
    before = {"source": _summary(source), "target": _summary(target)}
    voter_ids = list(Vote.objects.filter(idea=source).values_list("user_id", flat=True))
    moving = Vote.objects.filter(idea=source).exclude(user_id__in=Vote.objects.filter(idea=target).values("user_id"))
    moved = list(moving.values_list("pk", flat=True))
    # A vote already moved here from an idea merged into the source keeps saying where it came from.
    Vote.objects.filter(pk__in=moved, merged_from=None).update(idea=target, merged_from=source)
    Vote.objects.filter(pk__in=moved).exclude(idea=target).update(idea=target)
    followers = access.audience_of(target, User.objects.filter(follows__idea=source))
    Follow.objects.bulk_create(
        [Follow(idea=target, user_id=user_id) for user_id in followers.values_list("pk", flat=True)],
        ignore_conflicts=True,
    )
    # Ideas merged into the source earlier now point where their votes went.
    repointed = list(Idea.objects.filter(merged_into=source).values_list("pk", flat=True))
    Idea.objects.filter(pk__in=repointed).update(merged_into=target)
    StatusChange.objects.create(
        idea=source,
        from_status=source.status,
        to_status=Idea.Status.DUPLICATE,
        message=_merge_note(_("Merged into #%(id)s%(title)s"), source, target),
        actor=actor,
    )
    Idea.objects.filter(pk=source.pk).update(status=Idea.Status.DUPLICATE, merged_into=target)
    source.status, source.merged_into = Idea.Status.DUPLICATE, target
    source_counts, target_counts = _recount_votes(source), _recount_votes(target)
    after = {
        "source": {**_summary(source, source_counts), "merged_into": target.pk},
        "target": _summary(target, target_counts),
        "moved_votes": len(moved),
        "repointed": repointed,
    }
    audit_services.record_action(
        actor, ModerationAction.Action.MERGE, target=source, reason=reason, before=before, after=after
    )
    notify_merged(source, voter_ids, actor)
    source.refresh_from_db()
    idea_merged.send(sender=Idea, actor=actor, idea=source, target=target)
    return source


def unmerge_ideas(actor: User, source: Idea, *, reason: str = "") -> Idea:
    """Undo a merge: `source` gets back the status it had and exactly the votes that moved from it
    (`Vote.merged_from`); the target keeps its own. Followers it gave the target keep following."""
    target_pk = Idea.objects.values_list("merged_into", flat=True).get(pk=source.pk)
    if target_pk is None:
        raise Conflict(_("This idea is not merged into another."))
    target = Idea.objects.select_related("space").get(pk=target_pk)
    if not access.can_merge(actor, source.space, target.space):
        _refuse_moderation(
            actor, source, ModerationAction.Action.UNMERGE, _("Only moderators of both spaces may undo this merge.")
        )
    reason = _clean_text(reason, field="reason", limit=COMMENT_MAX_LENGTH)
    return _unmerge(actor, source.pk, target.pk, reason)


@transaction.atomic
def _unmerge(actor: User, source_pk: int, target_pk: int, reason: str) -> Idea:
    locked = _lock_ideas(source_pk, target_pk)
    source, target = locked[source_pk], locked[target_pk]
    if source.merged_into_id != target.pk:
        raise Conflict(_("This merge was changed meanwhile; reload the page."))
    before = {"source": {**_summary(source), "merged_into": target.pk}, "target": _summary(target)}
    merge = source.status_changes.filter(to_status=Idea.Status.DUPLICATE).order_by("created_at", "pk").last()
    status = merge.from_status if merge is not None else Idea.Status.NEW
    moved_back = Vote.objects.filter(idea=target, merged_from=source).update(idea=source, merged_from=None)
    StatusChange.objects.create(
        idea=source,
        from_status=source.status,
        to_status=status,
        message=_merge_note(_("No longer merged into #%(id)s%(title)s"), source, target),
        actor=actor,
    )
    Idea.objects.filter(pk=source.pk).update(status=status, merged_into=None)
    source.status, source.merged_into = status, None
    source_counts, target_counts = _recount_votes(source), _recount_votes(target)
    after = {
        "source": _summary(source, source_counts),
        "target": _summary(target, target_counts),
        "moved_back_votes": moved_back,
    }
    audit_services.record_action(
        actor, ModerationAction.Action.UNMERGE, target=source, reason=reason, before=before, after=after
    )
    source.refresh_from_db()
    idea_unmerged.send(sender=Idea, actor=actor, idea=source, target=target)
    return source
