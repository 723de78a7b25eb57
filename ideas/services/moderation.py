"""Reports, and what moderators do about reported or held posts (ideas and comments).

Anyone signed in may report what they can see, once per item. Moderators of the item's space
(and staff) dismiss the reports, hide, restore or edit the item, lock an idea's comments, and
approve or reject the first posts of newcomers in a pre-moderated space. Every such action is
checked first (a refusal is logged), then written in one transaction with its
`ModerationAction`, and resolves the item's open reports.

A hidden item is seen only by its author (with the reason) and the moderators; a hidden comment
is not counted in its idea's `comment_count`. A post held for approval makes no noise (no
webhook, no reply notification) until a moderator approves it; then it makes what its posting
would have made.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community import services as community_services
from community.models import Flag, ModerationAction, Notification, Profile, Space, User
from community.services import notify
from community.validators import clean_text
from ideas.models import BODY_MAX_LENGTH, COMMENT_MAX_LENGTH, PROBLEM_MAX_LENGTH, Comment, HiddenReason, Idea
from ideas.notifications import notify_reply
from ideas.selectors.moderation import space_of
from ideas.services.common import Conflict, clean_title
from ideas.signals import comment_created, idea_created, idea_updated

Action = ModerationAction.Action
REASON_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 1000


def _flags_on(item: Idea | Comment):
    return Flag.objects.filter(target_type=ContentType.objects.get_for_model(item), target_id=item.pk)


def _clean(value: str, *, field: str, limit: int, required: bool) -> str:
    return clean_text(
        value,
        field=field,
        limit=limit,
        required=required,
        empty_message=_("Say why: the author and the moderation log read it."),
    )


# --- Reports -----------------------------------------------------------------------------


def report_content(actor: User, item: Idea | Comment, *, reason: str, note: str = "") -> Flag:
    """Report `item` to the moderators, once per person and item.

    When `MODERATION_AUTO_HIDE_REPORTS` trusted people have open reports on it, it is hidden
    until a moderator reviews it (by the portal itself in the log).
    """
    if not _can_report(actor, item):
        raise PermissionDenied(_("You cannot report this."))
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose why you report it.")})
    note = _clean(note, field="note", limit=NOTE_MAX_LENGTH, required=False)
    if item.hidden:
        raise Conflict(_("This is hidden already: the moderators are looking at it."))
    already = Conflict(_("You have already reported this; the moderators will look at it."))
    if _flags_on(item).filter(reporter=actor).exists():
        raise already
    trusted = access.trust_level(actor) == Profile.TrustLevel.TRUSTED
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                reporter=actor,
                space=space_of(item),
                target=item,
                reason=reason,
                note=note,
                reporter_trusted=trusted,
            )
            if trusted:
                _hide_if_reported_enough(item)
    except IntegrityError as error:
        raise already from error  # the same person, in another request at the same moment
    return flag


def _can_report(reporter: User, item: Idea | Comment) -> bool:
    """`access.can_report`, for a comment too: one its reporter may read."""
    if not isinstance(item, Comment):
        return access.can_report(reporter, item)
    if item.kept_in_space_id and not access.can_view(reporter, item.kept_in_space):
        return False
    if item.hidden and item.author_id != reporter.pk and not access.can_moderate(reporter, space_of(item)):
        return False
    return access.can_report(reporter, item.idea)


def _hide_if_reported_enough(item: Idea | Comment) -> None:
    threshold = settings.MODERATION_AUTO_HIDE_REPORTS
    # One report per person and item (a unique constraint), so this counts distinct people.
    if _flags_on(item).filter(resolved_at=None, reporter_trusted=True).count() < threshold:
        return
    model = type(item)
    if model.objects.select_for_update().values_list("hidden", flat=True).get(pk=item.pk):
        return
    _set_hidden(item, HiddenReason.REPORTS, "")
    community_services.record_action(
        None,
        Action.AUTO_HIDE,
        target=item,
        space=space_of(item),
        subject=item.author,
        reason=_("Reported by %(count)s trusted people.") % {"count": threshold},
        before={"hidden": False},
        after={"hidden": True, "hidden_reason": HiddenReason.REPORTS},
    )


# --- Shared steps of the moderators' actions ---------------------------------------------


def _require_moderator(actor: User, item: Idea | Comment, action: Action) -> None:
    """Refuse (and log the attempt) unless `actor` moderates the item's space."""
    space = space_of(item)
    if not access.can_moderate(actor, space):
        community_services.refuse(
            actor, action, target=item, space=space, message=_("Only moderators of this space may do this.")
        )


def _state(item: Idea | Comment) -> dict:
    return {"hidden": item.hidden, "hidden_reason": item.hidden_reason}


def _set_hidden(item: Idea | Comment, reason: str, note: str) -> None:
    """Hide or show `item` (`reason` empty: shown), keeping its idea's comment count to what is shown."""
    was_hidden = item.hidden
    item.hidden, item.hidden_reason, item.hidden_note = bool(reason), reason, note
    type(item).objects.filter(pk=item.pk).update(hidden=item.hidden, hidden_reason=reason, hidden_note=note)
    counted = isinstance(item, Comment) and item.kept_in_space_id is None and not item.is_deleted
    if counted and was_hidden != item.hidden:
        change = F("comment_count") - 1 if item.hidden else F("comment_count") + 1
        Idea.objects.filter(pk=item.idea_id).update(comment_count=change)


def _resolve_reports(actor: User, item: Idea | Comment, resolution: Flag.Resolution) -> int:
    return (
        _flags_on(item)
        .filter(resolved_at=None)
        .update(resolved_at=timezone.now(), resolved_by=actor, resolution=resolution)
    )


def _record(actor: User, action: Action, item: Idea | Comment, *, reason: str = "", before: dict, after: dict):
    community_services.record_action(
        actor, action, target=item, space=space_of(item), subject=item.author, reason=reason, before=before, after=after
    )


def _idea_of(item: Idea | Comment) -> Idea:
    return item.idea if isinstance(item, Comment) else item


def _tell_author(actor: User, item: Idea | Comment, message: str) -> None:
    """A moderation notification to the item's author, pointing at it."""
    if item.author_id is None:
        return
    idea = _idea_of(item)
    anchor = f"#comment-{item.pk}" if isinstance(item, Comment) else ""
    notify(
        User.objects.filter(pk=item.author_id),
        space=space_of(item),
        kind=Notification.Kind.MODERATION,
        target=idea,
        subject=idea.title,
        message=message,
        url=idea.get_absolute_url() + anchor,
        actor=actor,
    )


def _locked(item: Idea | Comment) -> Idea | Comment:
    """`item` with its moderation fields read again under a row lock, so two moderators acting
    at once see each other's change."""
    fields = ["hidden", "hidden_reason", "hidden_note"] + (["comments_locked"] if isinstance(item, Idea) else [])
    current = type(item).objects.select_for_update().values(*fields).get(pk=item.pk)
    for name, value in current.items():
        setattr(item, name, value)
    return item


# --- The moderators' actions --------------------------------------------------------------


def dismiss_reports(actor: User, item: Idea | Comment, *, reason: str = "") -> int:
    """The reports on `item` are unfounded: close them, and show it again if reports hid it.
    Returns how many reports were closed."""
    _require_moderator(actor, item, Action.DISMISS)
    reason = _clean(reason, field="reason", limit=REASON_MAX_LENGTH, required=False)
    with transaction.atomic():
        item = _locked(item)
        before = _state(item)
        dismissed = _resolve_reports(actor, item, Flag.Resolution.DISMISSED)
        auto_hidden = item.hidden and item.hidden_reason == HiddenReason.REPORTS
        if not dismissed and not auto_hidden:
            raise Conflict(_("There are no open reports on this."))
        if auto_hidden:
            _set_hidden(item, "", "")
        _record(
            actor, Action.DISMISS, item, reason=reason, before={**before, "open_reports": dismissed}, after=_state(item)
        )
    return dismissed


def hide_content(actor: User, item: Idea | Comment, *, reason: str) -> Idea | Comment:
    """Hide `item` from everyone but its author and the moderators; the author reads `reason`."""
    _require_moderator(actor, item, Action.HIDE)
    reason = _clean(reason, field="reason", limit=REASON_MAX_LENGTH, required=True)
    with transaction.atomic():
        item = _locked(item)
        if item.hidden_reason == HiddenReason.MODERATOR:
            raise Conflict(_("This is hidden already."))
        if item.hidden_reason == HiddenReason.PENDING:
            raise Conflict(_("This awaits approval: approve or reject it."))
        before = _state(item)
        _set_hidden(item, HiddenReason.MODERATOR, reason)
        _resolve_reports(actor, item, Flag.Resolution.HIDDEN)
        _record(actor, Action.HIDE, item, reason=reason, before=before, after=_state(item))
        _tell_author(actor, item, _("A moderator hid your post: %(reason)s") % {"reason": reason})
    return item


def restore_content(actor: User, item: Idea | Comment, *, reason: str = "") -> Idea | Comment:
    """Show a hidden (or rejected) `item` to everyone again."""
    _require_moderator(actor, item, Action.RESTORE)
    reason = _clean(reason, field="reason", limit=REASON_MAX_LENGTH, required=False)
    with transaction.atomic():
        item = _locked(item)
        if not item.hidden:
            raise Conflict(_("This is not hidden."))
        if item.hidden_reason == HiddenReason.PENDING:
            raise Conflict(_("This awaits approval: approve or reject it."))
        before = _state(item)
        _set_hidden(item, "", "")
        _resolve_reports(actor, item, Flag.Resolution.RESTORED)
        _record(actor, Action.RESTORE, item, reason=reason, before=before, after=_state(item))
    return item


EDITABLE = {
    Idea: {"title": None, "problem": PROBLEM_MAX_LENGTH, "body": BODY_MAX_LENGTH},
    Comment: {"body": COMMENT_MAX_LENGTH},
}


def _cleaned_edits(item: Idea | Comment, edits: dict) -> dict:
    """The fields of `item` a moderator may change, cleaned as when it was posted; those unchanged left out."""
    allowed = EDITABLE[type(item)]
    unknown = set(edits) - set(allowed)
    if unknown:
        raise ValidationError(_("These cannot be edited: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    cleaned = {}
    for name, value in edits.items():
        if value is None:
            continue
        limit = allowed[name]
        if limit is None:
            value = clean_title(value)
        else:
            value = clean_text(value, field=name, limit=limit, required=isinstance(item, Comment))
        if value != getattr(item, name):
            cleaned[name] = value
    return cleaned


def edit_content(actor: User, item: Idea | Comment, *, note: str, **edits) -> Idea | Comment:
    """Change what `item` says (an idea's `title`, `problem`, `body`; a comment's `body`), with a
    `note` shown to everyone under it. An idea under legal hold is for staff only."""
    _require_moderator(actor, item, Action.EDIT)
    if not access.can_alter(actor, _idea_of(item)):
        community_services.refuse(
            actor, Action.EDIT, target=item, space=space_of(item), message=_("This idea is under a legal hold.")
        )
    note = _clean(note, field="note", limit=REASON_MAX_LENGTH, required=True)
    with transaction.atomic():
        changes = _cleaned_edits(item, edits)
        before = {name: getattr(item, name) for name in changes} | {"moderator_note": item.moderator_note}
        now = timezone.now()
        fields = {**changes, "moderator_note": note, "moderated_at": now}
        if isinstance(item, Idea):
            fields["updated_at"] = now
        type(item).objects.filter(pk=item.pk).update(**fields)
        for name, value in fields.items():
            setattr(item, name, value)
        _resolve_reports(actor, item, Flag.Resolution.EDITED)
        _record(actor, Action.EDIT, item, reason=note, before=before, after={**changes, "moderator_note": note})
        _tell_author(actor, item, _("A moderator edited your post: %(note)s") % {"note": note})
        if isinstance(item, Idea):
            idea_updated.send(sender=Idea, actor=actor, idea=item)
    return item


def _set_comments_locked(actor: User, idea: Idea, locked: bool, reason: str) -> Idea:
    action = Action.LOCK if locked else Action.UNLOCK
    _require_moderator(actor, idea, action)
    reason = _clean(reason, field="reason", limit=REASON_MAX_LENGTH, required=False)
    with transaction.atomic():
        idea = _locked(idea)
        if idea.comments_locked == locked:
            raise Conflict(_("Comments are locked already.") if locked else _("Comments are not locked."))
        Idea.objects.filter(pk=idea.pk).update(comments_locked=locked)
        idea.comments_locked = locked
        _record(
            actor,
            action,
            idea,
            reason=reason,
            before={"comments_locked": not locked},
            after={"comments_locked": locked},
        )
    return idea


def lock_comments(actor: User, idea: Idea, *, reason: str = "") -> Idea:
    """Stop new comments on `idea` (moderators may still answer)."""
    return _set_comments_locked(actor, idea, True, reason)


def unlock_comments(actor: User, idea: Idea, *, reason: str = "") -> Idea:
    return _set_comments_locked(actor, idea, False, reason)


# --- Pre-moderation -----------------------------------------------------------------------


def needs_approval(author: User, space: Space) -> bool:
    """Whether a post by `author` in `space` waits for a moderator's approval.

    A space with `premoderate_first_posts` = K holds posts of people who are not trusted (staff
    and moderators are) until
    K of their posts there (ideas and comments together) have been published; what is still
    waiting, or was rejected, does not count, so posting junk does not buy a way past.
    """
    limit = space.premoderate_first_posts
    if not limit or access.trust_level(author) == Profile.TrustLevel.TRUSTED:
        return False
    unpublished = [HiddenReason.PENDING, HiddenReason.REJECTED]
    ideas = Idea.objects.filter(author=author, space=space).exclude(hidden_reason__in=unpublished)
    comments = (
        Comment.objects.filter(author=author)
        .filter(Q(kept_in_space=space) | Q(kept_in_space=None, idea__space=space))
        .exclude(hidden_reason__in=unpublished)
    )
    return ideas.count() + comments.count() < limit


def _require_pending(item: Idea | Comment) -> None:
    if item.hidden_reason != HiddenReason.PENDING:
        raise Conflict(_("This does not await approval."))


def approve_content(actor: User, item: Idea | Comment) -> Idea | Comment:
    """Publish a held post: everyone sees it, and it makes the noise its posting would have made
    (the webhooks' idea.created or comment.created, the reply notification)."""
    _require_moderator(actor, item, Action.APPROVE)
    with transaction.atomic():
        item = _locked(item)
        _require_pending(item)
        before = _state(item)
        _set_hidden(item, "", "")
        _resolve_reports(actor, item, Flag.Resolution.RESTORED)
        _record(actor, Action.APPROVE, item, before=before, after=_state(item))
        _tell_author(actor, item, _("A moderator approved your post: everyone can see it now."))
        if isinstance(item, Idea):
            idea_created.send(sender=Idea, actor=item.author, idea=item)
        else:
            announce_comment(item)
    return item


def announce_comment(comment: Comment) -> None:
    """What `add_comment` does for a published comment once it is written."""
    if comment.parent_id is not None and comment.parent.author_id not in {None, comment.author_id}:
        notify_reply(comment)
    comment_created.send(sender=Comment, actor=comment.author, idea=comment.idea, comment=comment)


def reject_content(actor: User, item: Idea | Comment, *, reason: str) -> Idea | Comment:
    """Refuse a held post: it stays hidden, and its author reads `reason`."""
    _require_moderator(actor, item, Action.REJECT)
    reason = _clean(reason, field="reason", limit=REASON_MAX_LENGTH, required=True)
    with transaction.atomic():
        item = _locked(item)
        _require_pending(item)
        before = _state(item)
        _set_hidden(item, HiddenReason.REJECTED, reason)
        _resolve_reports(actor, item, Flag.Resolution.HIDDEN)
        _record(actor, Action.REJECT, item, reason=reason, before=before, after=_state(item))
        _tell_author(actor, item, _("A moderator did not approve your post: %(reason)s") % {"reason": reason})
    return item
