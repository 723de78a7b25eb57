"""The one writer of the moderation log (`ModerationAction`), which nothing changes or deletes.

Services call `record_action` inside their own transaction, once the change is written, so the
log holds an entry exactly when the change happened.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from community.models import ModerationAction, Space, User


def _label(target) -> str:
    return str(getattr(target, "title", None) or target)[:200]


def record_action(
    actor: User | None,
    action: ModerationAction.Action,
    *,
    target=None,
    space: Space | None = None,
    subject: User | None = None,
    reason: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> ModerationAction:
    """Log that `actor` (None: the portal itself) did `action` to `target` in `space`.

    `before` and `after` hold the fields that changed, as JSON-ready values.
    """
    if space is None and target is not None:
        space = getattr(target, "space", None)
    return ModerationAction.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        space=space,
        space_name=space.name if space else "",
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_label=_label(target) if target is not None else "",
        subject=subject,
        reason=reason,
        before=before or {},
        after=after or {},
    )


def refuse(actor: User, action: ModerationAction.Action, *, target=None, space: Space | None = None, message: str):
    """Log that `actor` tried `action` without the right to, then raise PermissionDenied(message).

    Call it before the service opens its transaction: a refusal raised inside one would roll
    its own log entry back.
    """
    record_action(
        actor, ModerationAction.Action.REFUSED, target=target, space=space, reason=message, after={"tried": action}
    )
    raise PermissionDenied(message)
