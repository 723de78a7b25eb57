"""Reads of the API app."""

from api.models import ApiToken, hash_token


def active_token_for(key: str) -> ApiToken | None:
    """The unrevoked token whose key this is, with its user and spaces, or None."""
    return (
        ApiToken.objects.select_related("user__profile")
        .prefetch_related("spaces")
        .filter(key_hash=hash_token(key), revoked_at=None)
        .first()
    )
