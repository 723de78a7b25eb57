"""Writes of the API app: tokens (webhooks have their own module, `api.services.webhooks`)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken, hash_token
from community import access
from community.models import Space, User
from ideas.services import clean_status_mapping

# last_used_at is shown to a minute; writing it on every request would cost a write each.
LAST_USED_PRECISION = timedelta(minutes=1)


@transaction.atomic
def create_api_token(
    actor: User,
    user: User,
    *,
    name: str,
    can_write: bool = False,
    spaces: list[Space] | tuple = (),
    status_mapping: dict | None = None,
) -> tuple[ApiToken, str]:
    """Make a token for `user` (staff may make one for anyone, people for themselves).

    Returns the token and its key; the key is shown once and only its hash is kept.
    """
    if not access.can_manage_tokens_of(actor, user):
        raise PermissionDenied(_("Only staff may make tokens for other people."))
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:80] or _("API token"),
        prefix=key[:10],
        key_hash=hash_token(key),
        can_write=can_write,
        status_mapping=clean_status_mapping(status_mapping or {}),
    )
    token.spaces.set(spaces)
    return token, key


@transaction.atomic
def revoke_api_token(actor: User, token: ApiToken) -> ApiToken:
    """Stop a token from working, at once; it stays listed with when it was revoked."""
    if not access.can_manage_tokens_of(actor, token.user):
        raise PermissionDenied(_("Only staff may revoke other people's tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def record_token_use(token: ApiToken) -> None:
    """Note that `token` was just used, at most once a minute."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
