"""Status changes: the idea moves along, and the message is the organisation's official response."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import access
from community import services as community_services
from community.models import ModerationAction, User
from community.validators import clean_text
from ideas.models import COMMENT_MAX_LENGTH, Idea, StatusChange
from ideas.notifications import notify_status_change
from ideas.services.common import Conflict, refuse_moderation
from ideas.signals import idea_status_changed

# `duplicate` says which idea this one repeats (`merged_into`): only merging (services.merging)
# sets it, with the votes and followers that move along.
DUPLICATE_ONLY_BY_MERGING = gettext_lazy("An idea becomes a duplicate only by merging it into the idea it repeats.")


def change_status(
    actor: User, idea: Idea, status: str, message: str = "", *, tell_voters: bool = False
) -> StatusChange:
    """Move an idea along (planned, shipped, …); the message is the official response.

    Followers hear of it; with `tell_voters`, its voters too (each person once).
    """
    if not access.can_moderate(actor, idea.space):
        refuse_moderation(
            actor,
            idea,
            ModerationAction.Action.STATUS_CHANGE,
            _("Only moderators of this space may change the status of its ideas."),
        )
    return _change_status(actor, idea, status, message, tell_voters=tell_voters)


def reopen_for_review(idea: Idea, message: str) -> StatusChange:
    """The portal itself (no moderator: logged with actor None) sends a shipped idea back to review
    because most of those who asked for it say the change did not solve their problem. Internal:
    only the solution feedback service calls it, once it has counted the answers."""
    return _change_status(None, idea, Idea.Status.UNDER_REVIEW, message)


@transaction.atomic
def _change_status(
    actor: User | None, idea: Idea, status: str, message: str, *, tell_voters: bool = False
) -> StatusChange:
    if status not in Idea.Status.values:
        raise ValidationError({"status": _("Unknown status %(status)s.") % {"status": status}})
    if status == Idea.Status.DUPLICATE:
        raise ValidationError({"status": DUPLICATE_ONLY_BY_MERGING})
    message = clean_text(message, field="message", limit=COMMENT_MAX_LENGTH)
    current, merged_into = Idea.objects.select_for_update().values_list("status", "merged_into").get(pk=idea.pk)
    if merged_into is not None:
        raise Conflict(
            _("This idea is merged into #%(id)s; undo the merge to change its status.") % {"id": merged_into}
        )
    if status == current and not message:
        raise ValidationError({"status": _("The idea already has this status; add a message to post an update.")})
    change = StatusChange.objects.create(idea=idea, from_status=current, to_status=status, message=message, actor=actor)
    fields = {"status": status, "updated_at": change.created_at}
    if status == Idea.Status.SHIPPED and current != Idea.Status.SHIPPED:
        fields.update(shipped_at=change.created_at, feedback_requested_at=None)
    Idea.objects.filter(pk=idea.pk).update(**fields)
    community_services.record_action(
        actor,
        ModerationAction.Action.STATUS_CHANGE,
        target=idea,
        reason=message,
        before={"status": current},
        after={"status": status},
    )
    for field, value in fields.items():
        setattr(idea, field, value)
    notify_status_change(change, tell_voters=tell_voters)
    idea_status_changed.send(sender=Idea, actor=actor, idea=idea, change=change)
    return change


# How far along an idea is, for combining what several trackers say: the idea moves to
# the least advanced status among its links, so it is shipped when every team has shipped.
