"""Reads of the API app."""

from django.db.models import QuerySet

from api.models import ApiToken, hash_token
from community.models import Space, User


def active_token_for(key: str) -> ApiToken | None:
    """The unrevoked token whose key this is, with its user and spaces, or None."""
    return (
        ApiToken.objects.select_related("user__profile")
        .prefetch_related("spaces")
        .filter(key_hash=hash_token(key), revoked_at=None)
        .first()
    )


def tokens_for_back_office() -> QuerySet[ApiToken]:
    """Every token, revoked ones included, with its user and spaces (for the staff's list)."""
    return ApiToken.objects.select_related("user__profile").prefetch_related("spaces")


def account_named(name: str) -> User | None:
    """The account whose username is `name`, or else whose e-mail address it is; None if neither."""
    return User.objects.filter(username=name).first() or User.objects.filter(email__iexact=name).order_by("pk").first()


def spaces_named(slugs) -> list[Space]:
    """The spaces of these slugs, each once (a slug no space has is left out)."""
    return list(Space.objects.filter(slug__in=set(slugs)).order_by("slug"))
