"""Writes for the legal side of an idea: internal notes, the legal hold, and deleting it for good.

Each checks first; a refusal is logged (`community_services.refuse`) before any transaction opens,
and what is done is logged in the same transaction as the change.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from community import access
from community import services as community_services
from community.models import ModerationAction, User
from community.services import forget_targets
from community.validators import clean_text
from ideas.models import COMMENT_MAX_LENGTH, Comment, Idea, IdeaImage, InternalNote
from ideas.selectors.legal import others_took_part

REASON_MAX_LENGTH = 2000


def add_internal_note(actor: User, idea: Idea, body: str) -> InternalNote:
    """Write a note on `idea` for its space's moderators and staff only. The log records that a note
    was written, never what it says: the log is read more widely than the notes."""
    if not access.can_read_internal_notes(actor, idea.space):
        community_services.refuse(
            actor,
            ModerationAction.Action.INTERNAL_NOTE,
            target=idea,
            message=_("Only the space's moderators and staff write internal notes."),
        )
    return _add_internal_note(actor, idea, body)


@transaction.atomic
def _add_internal_note(actor: User, idea: Idea, body: str) -> InternalNote:
    note = InternalNote.objects.create(
        idea=idea, author=actor, body=clean_text(body, field="body", limit=COMMENT_MAX_LENGTH, required=True)
    )
    community_services.record_action(
        actor, ModerationAction.Action.INTERNAL_NOTE, target=idea, after={"internal_note": note.pk}
    )
    return note


def place_legal_hold(actor: User, idea: Idea, *, reason: str) -> Idea:
    """Keep `idea` from being edited or deleted by anyone but staff (staff only), e.g. while a claim on it is
    looked into."""
    if not access.can_override_legal_hold(actor):
        community_services.refuse(
            actor, ModerationAction.Action.LEGAL_HOLD, target=idea, message=_("Only staff may place a legal hold.")
        )
    return _set_legal_hold(actor, idea, held=True, reason=reason)


def release_legal_hold(actor: User, idea: Idea, *, reason: str) -> Idea:
    """End the legal hold on `idea` (staff only)."""
    if not access.can_override_legal_hold(actor):
        community_services.refuse(
            actor, ModerationAction.Action.RELEASE_HOLD, target=idea, message=_("Only staff may release a legal hold.")
        )
    return _set_legal_hold(actor, idea, held=False, reason=reason)


@transaction.atomic
def _set_legal_hold(actor: User, idea: Idea, *, held: bool, reason: str) -> Idea:
    reason = clean_text(reason, field="reason", limit=REASON_MAX_LENGTH, required=True)
    current = Idea.objects.select_for_update().values_list("legal_hold", flat=True).get(pk=idea.pk)
    if current == held:
        message = _("The idea is already under a legal hold.") if held else _("The idea is not under a legal hold.")
        raise ValidationError(message, code="unchanged")
    Idea.objects.filter(pk=idea.pk).update(legal_hold=held)
    idea.legal_hold = held
    community_services.record_action(
        actor,
        ModerationAction.Action.LEGAL_HOLD if held else ModerationAction.Action.RELEASE_HOLD,
        target=idea,
        subject=idea.author,
        reason=reason,
        before={"legal_hold": current},
        after={"legal_hold": held},
    )
    return idea


def delete_idea(actor: User, idea: Idea, *, reason: str = "") -> None:
    """Delete `idea` for good, with its votes, comments and images: by its space's moderators and staff,
    or by its author while no one else has voted or commented. Under a legal hold, staff only.
    The log keeps the entry, with the title."""
    if not access.can_delete(actor, idea, others_took_part=others_took_part(idea)):
        if not access.can_alter(actor, idea):
            message = _("This idea is under a legal hold: only staff may delete it.")
        else:
            message = _(
                "Only the space's moderators and staff may delete this idea, or its author before others join in."
            )
        community_services.refuse(actor, ModerationAction.Action.DELETE, target=idea, message=message)
    _delete_idea(actor, idea, reason)


@transaction.atomic
def _delete_idea(actor: User, idea: Idea, reason: str) -> None:
    reason = clean_text(reason, field="reason", limit=REASON_MAX_LENGTH)
    community_services.record_action(
        actor,
        ModerationAction.Action.DELETE,
        target=idea,
        subject=idea.author,
        reason=reason,
        before={"status": idea.status, "vote_count": idea.vote_count, "comment_count": idea.comment_count},
    )
    remove_ideas(Idea.objects.filter(pk=idea.pk))


def remove_ideas(ideas: QuerySet[Idea]) -> int:
    """Delete `ideas` and all that hangs on them (votes, comments, follows, notes, images, and the
    notifications and reports about them); the image files go once the transaction commits. The
    caller holds the transaction and has checked who may. Returns how many ideas went."""
    ids = list(ideas.values_list("pk", flat=True))
    forget_targets(Comment, Comment.objects.filter(idea_id__in=ids).values_list("pk", flat=True))
    forget_targets(Idea, ids)
    files = list(IdeaImage.objects.filter(idea_id__in=ids).values_list("image", flat=True))
    Idea.objects.filter(pk__in=ids).delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in files])
    return len(ids)
