"""Merging duplicates, and undoing a merge exactly."""

from django.db import transaction
from django.utils.translation import gettext as _

from community import access
from community import services as community_services
from community.models import ModerationAction, User
from community.validators import clean_text
from ideas.models import COMMENT_MAX_LENGTH, Follow, Idea, StatusChange, Vote
from ideas.notifications import notify_merged
from ideas.services.common import Conflict, lock_ideas, refuse_moderation
from ideas.services.voting import recount_votes
from ideas.signals import idea_merged, idea_unmerged


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
        refuse_moderation(
            actor, source, ModerationAction.Action.MERGE, _("Only moderators of both spaces may merge these ideas.")
        )
    if source.pk == target.pk:
        raise Conflict(_("An idea cannot be merged into itself."))
    reason = clean_text(reason, field="reason", limit=COMMENT_MAX_LENGTH)
    return _merge(actor, source.pk, target.pk, reason)


@transaction.atomic
def _merge(actor: User, source_pk: int, target_pk: int, reason: str) -> Idea:
    locked = lock_ideas(source_pk, target_pk)
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
    source_counts, target_counts = recount_votes(source), recount_votes(target)
    after = {
        "source": {**_summary(source, source_counts), "merged_into": target.pk},
        "target": _summary(target, target_counts),
        "moved_votes": len(moved),
        "repointed": repointed,
    }
    community_services.record_action(
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
        refuse_moderation(
            actor, source, ModerationAction.Action.UNMERGE, _("Only moderators of both spaces may undo this merge.")
        )
    reason = clean_text(reason, field="reason", limit=COMMENT_MAX_LENGTH)
    return _unmerge(actor, source.pk, target.pk, reason)


@transaction.atomic
def _unmerge(actor: User, source_pk: int, target_pk: int, reason: str) -> Idea:
    locked = lock_ideas(source_pk, target_pk)
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
    source_counts, target_counts = recount_votes(source), recount_votes(target)
    after = {
        "source": _summary(source, source_counts),
        "target": _summary(target, target_counts),
        "moved_back_votes": moved_back,
    }
    community_services.record_action(
        actor, ModerationAction.Action.UNMERGE, target=source, reason=reason, before=before, after=after
    )
    source.refresh_from_db()
    idea_unmerged.send(sender=Idea, actor=actor, idea=source, target=target)
    return source
