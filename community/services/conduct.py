"""What moderators do to a person rather than to a post: warn them, suspend them, lift a suspension.

A space's moderators act in that space; only staff suspend from the whole site. Each act is
logged (`ModerationAction`) and the person is told: in the portal for a space, by e-mail for the
whole site (a notification belongs to a space). A refused attempt is logged too.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community.models import ModerationAction, Notification, Space, Suspension, User
from community.selectors.conduct import suspension_notice
from community.selectors.profiles import profile_for
from community.services.audit import record_action, refuse
from community.services.notifications import notify
from community.validators import clean_text

REASON_MAX_LENGTH = 2000


def _person(user: User):
    """What the log names as the target: the person's profile (their display name), or the account."""
    profile = profile_for(user)
    return profile if profile.pk else user


def _clean_reason(reason: str, *, required: bool = True) -> str:
    return clean_text(
        reason,
        field="reason",
        limit=REASON_MAX_LENGTH,
        required=required,
        empty_message=_("Say why: the person is told."),
    )


def _may_act(actor: User, space: Space | None) -> bool:
    """A space's moderators in that space; staff anywhere, and alone on the whole site."""
    if space is None:
        return access.can_moderate_site(actor)
    return access.can_moderate(actor, space)


def _tell(user: User, *, actor: User, space: Space | None, target, subject: str, message: str) -> None:
    """Let `user` know, in the portal within `space`, or by e-mail for the whole site."""
    if space is not None:
        notify(
            User.objects.filter(pk=user.pk),
            space=space,
            kind=Notification.Kind.MODERATION,
            target=target,
            subject=subject,
            message=message,
            url=reverse("community:profile"),
            actor=actor,
        )
    elif user.email:
        EmailMessage(
            subject=settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
            body=f"{subject}\n\n{message}\n",
            to=[user.email],
        ).send()


def warn_user(actor: User, user: User, *, space: Space, reason: str) -> ModerationAction:
    """Warn `user` about their conduct in `space` (its moderators): logged, and the person is told why.
    A recent warning keeps a person from being trusted (`ideas.trust`)."""
    if not access.can_moderate(actor, space):
        refuse(
            actor,
            ModerationAction.Action.WARN,
            target=_person(user),
            space=space,
            message=_("Only moderators of this space may warn people in it."),
        )
    reason = _clean_reason(reason)
    with transaction.atomic():
        entry = record_action(
            actor, ModerationAction.Action.WARN, target=_person(user), space=space, subject=user, reason=reason
        )
        _tell(
            user,
            actor=actor,
            space=space,
            target=entry,
            subject=_("A moderator of %(space)s warned you") % {"space": space.name},
            message=reason,
        )
    return entry


def suspend_user(actor: User, user: User, *, space: Space | None = None, until: datetime, reason: str) -> Suspension:
    """Bar `user` from posting, voting and commenting in `space` (its moderators) or on the whole site
    (`space` None: staff only) until `until`. Staff cannot be suspended, nor can one suspend oneself."""
    if not _may_act(actor, space):
        message = (
            _("Only staff may suspend people from the whole site.")
            if space is None
            else _("Only moderators of this space may suspend people from it.")
        )
        refuse(actor, ModerationAction.Action.SUSPEND, target=_person(user), space=space, message=message)
    if not access.can_be_suspended(user):
        refuse(
            actor,
            ModerationAction.Action.SUSPEND,
            target=_person(user),
            space=space,
            message=_("Staff cannot be suspended."),
        )
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot suspend yourself."))
    if until <= timezone.now():
        raise ValidationError({"until": _("Choose a moment in the future.")})
    reason = _clean_reason(reason)
    with transaction.atomic():
        suspension = Suspension.objects.create(user=user, space=space, reason=reason, ends_at=until, created_by=actor)
        record_action(
            actor,
            ModerationAction.Action.SUSPEND,
            target=_person(user),
            space=space,
            subject=user,
            reason=reason,
            after={"until": until.isoformat(), "space": space.slug if space else None},
        )
        _tell(
            user,
            actor=actor,
            space=space,
            target=suspension,
            subject=suspension_notice(suspension),
            message=reason,
        )
    return suspension


def lift_suspension(actor: User, suspension: Suspension, *, reason: str = "") -> Suspension:
    """End `suspension` now, by whoever could have imposed it; the person is told."""
    space = suspension.space
    user = suspension.user
    if not _may_act(actor, space):
        refuse(
            actor,
            ModerationAction.Action.LIFT_SUSPENSION,
            target=_person(user),
            space=space,
            message=_("You cannot lift this suspension."),
        )
    reason = _clean_reason(reason, required=False)
    with transaction.atomic():
        now = timezone.now()
        lifted = Suspension.objects.filter(pk=suspension.pk, lifted_at=None, ends_at__gt=now).update(
            lifted_at=now, lifted_by=actor
        )
        if not lifted:
            raise ValidationError(_("This suspension has already ended."))
        suspension.refresh_from_db()
        record_action(
            actor,
            ModerationAction.Action.LIFT_SUSPENSION,
            target=_person(user),
            space=space,
            subject=user,
            reason=reason,
            before={"until": suspension.ends_at.isoformat()},
            after={"lifted_at": now.isoformat()},
        )
        where = space.name if space else _("the whole site")
        _tell(
            user,
            actor=actor,
            space=space,
            target=suspension,
            subject=_("Your suspension from %(where)s is lifted") % {"where": where},
            message=reason,
        )
    return suspension
