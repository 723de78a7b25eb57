"""The API's part of a person's data (`community.personal_data`): their tokens and webhooks."""

from django.utils import timezone
from django.utils.translation import gettext

from api.models import ApiToken, Webhook
from community.models import User


def export(user: User) -> dict:
    """What the tokens and webhooks are, never their secrets (only a hash of a token is kept anyway)."""
    return {
        "api_tokens": list(
            ApiToken.objects.filter(user_id=user.pk)
            .values("name", "prefix", "can_write", "created_at", "last_used_at", "revoked_at")
            .order_by("pk")
        ),
        "webhooks": list(
            Webhook.objects.filter(owner_id=user.pk).values("url", "events", "active", "created_at").order_by("pk")
        ),
    }


def erase(user: User, *, content: str) -> None:
    """Tokens stop working at once (revoked, still listed for the record); webhooks are turned off."""
    ApiToken.objects.filter(user_id=user.pk, revoked_at=None).update(revoked_at=timezone.now())
    Webhook.objects.filter(owner_id=user.pk, active=True).update(
        active=False, disabled_reason=gettext("Its owner deleted their account.")
    )
