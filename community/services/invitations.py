"""Invitations into a space, by e-mail (once, for that address) or by a shareable link."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from community import access, selectors
from community.models import (
    Invitation,
    Membership,
    Space,
    User,
)
from community.services.memberships import ROLE_RANK, check_manages
from community.services.profiles import refresh_segment
from community.site_url import absolute_url

EMAIL_INVITATION_LIFETIME = timedelta(days=14)
MAX_LINK_LIFETIME = timedelta(days=90)
MAX_LINK_USES = 1000


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = selectors.invitation_token_hash(token)
    return token


def _send_invitation(actor: User, invitation: Invitation, token: str) -> None:
    """E-mail the link; the site's mail backend queues it in this transaction, so a rollback sends nothing."""
    context = {
        "inviter": actor.display_name,
        "space": invitation.space,
        "role": invitation.get_role_display(),
        "email": invitation.email,
        "expires_at": invitation.expires_at,
        "link": absolute_url(reverse("community:invitation", args=[token])),
        "site_name": settings.SITE_NAME,
    }
    subject = gettext("%(inviter)s invited you to %(space)s") % {
        "inviter": actor.display_name,
        "space": invitation.space,
    }
    EmailMessage(
        subject=settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=render_to_string("community/email/invitation.txt", context),
        to=[invitation.email],
    ).send()
    invitation.sent_at = timezone.now()


def _send_anew(actor: User, invitation: Invitation) -> Invitation:
    """Give an e-mail invitation a new link (the old one stops working) and expiry, and send it."""
    invitation.expires_at = timezone.now() + EMAIL_INVITATION_LIFETIME
    token = _new_token(invitation)
    _send_invitation(actor, invitation, token)
    invitation.save()
    return invitation


@transaction.atomic
def invite_by_email(
    actor: User, space: Space, email: str, *, role: Membership.Role = Membership.Role.MEMBER
) -> Invitation:
    """Invite `email` into `space` with a link that works once, for 14 days, for that address only.

    Inviting an address that already has a pending invitation sends that one again (with a new link).
    """
    check_manages(actor, space)
    role = Membership.Role(role)
    email = email.strip().lower()
    validate_email(email)
    already = Membership.objects.filter(
        space=space, user__emailaddress__email__iexact=email, user__emailaddress__verified=True
    )
    if already.exists():
        raise ValidationError(gettext("%(email)s is already a member of this space.") % {"email": email}, code="member")
    pending = selectors.pending_invitations(space).select_for_update(of=("self",)).filter(email__iexact=email)
    invitation = pending.first() or Invitation(space=space, email=email, max_uses=1, created_by=actor)
    invitation.role = role
    return _send_anew(actor, invitation)


@transaction.atomic
def create_invite_link(
    actor: User, space: Space, *, role: Membership.Role = Membership.Role.MEMBER, expires_in: timedelta, max_uses: int
) -> tuple[Invitation, str]:
    """A shareable link into `space` that anyone holding it may use, `max_uses` times until it expires.

    Returns the invitation and its token, which is shown once: only its hash is kept.
    """
    check_manages(actor, space)
    if not timedelta(0) < expires_in <= MAX_LINK_LIFETIME:
        raise ValidationError(
            gettext("A link is valid for 1 to %(days)d days.") % {"days": MAX_LINK_LIFETIME.days}, code="expires_in"
        )
    if not 1 <= max_uses <= MAX_LINK_USES:
        raise ValidationError(
            gettext("A link may be used 1 to %(uses)d times.") % {"uses": MAX_LINK_USES}, code="max_uses"
        )
    invitation = Invitation(
        space=space,
        role=Membership.Role(role),
        expires_at=timezone.now() + expires_in,
        max_uses=max_uses,
        created_by=actor,
    )
    token = _new_token(invitation)
    invitation.save()
    return invitation, token


@transaction.atomic
def resend_invitation(actor: User, invitation: Invitation) -> Invitation:
    """Send a pending e-mail invitation again with a new link and a new expiry; the old link stops working."""
    check_manages(actor, invitation.space)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_link or invitation.revoked_at or invitation.uses >= invitation.max_uses:
        raise ValidationError(gettext("Only a pending e-mail invitation can be sent again."), code="not_pending")
    return _send_anew(actor, invitation)


@transaction.atomic
def revoke_invitation(actor: User, invitation: Invitation) -> None:
    """Withdraw an invitation: its link stops working at once."""
    check_manages(actor, invitation.space)
    Invitation.objects.filter(pk=invitation.pk, revoked_at=None).update(revoked_at=timezone.now())


@transaction.atomic
def accept_invitation(actor: User, token: str) -> Membership:
    """Join the space of the invitation `token` opens, with its role (a higher role one has is kept).

    An e-mail invitation needs a verified address of `user`'s equal to the invited one.
    """
    if not (actor.is_authenticated and actor.is_active):
        raise PermissionDenied(gettext("Sign in to accept an invitation."))
    invitation = (
        Invitation.objects.select_for_update().filter(token_hash=selectors.invitation_token_hash(token)).first()
    )
    access.check_invitation(invitation, actor)
    membership = Membership.objects.select_for_update().filter(user=actor, space_id=invitation.space_id).first()
    if membership is None:
        membership = Membership(user=actor, space_id=invitation.space_id, role=invitation.role)
    elif ROLE_RANK[Membership.Role(membership.role)] >= ROLE_RANK[Membership.Role(invitation.role)]:
        if invitation.is_link:
            return membership  # nothing to do: a shared link keeps its uses for others
    else:
        membership.role = invitation.role
    # An invitation makes the membership stand on its own, also for someone who came by domain or SSO.
    membership.source = Membership.Source.INVITATION
    membership.save()
    Invitation.objects.filter(pk=invitation.pk).update(uses=F("uses") + 1, accepted_by=actor)
    refresh_segment(actor)
    return membership
