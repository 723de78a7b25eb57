"""Reads of invitations: by the token in their link, and those still pending in a space."""

import hashlib

from django.db.models import F, QuerySet
from django.utils import timezone

from community.models import Invitation, Space


def invitation_token_hash(token: str) -> str:
    """What is stored of an invitation's token: the link carries the token, the database only its hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token opens, whatever its state (used, expired, withdrawn); None if none."""
    return Invitation.objects.select_related("space").filter(token_hash=invitation_token_hash(token)).first()


def pending_invitations(space: Space) -> QuerySet[Invitation]:
    """Invitations into `space` that still work (not withdrawn, expired or used up), newest first."""
    return Invitation.objects.filter(
        space=space, revoked_at=None, expires_at__gt=timezone.now(), uses__lt=F("max_uses")
    ).select_related("created_by__profile")
