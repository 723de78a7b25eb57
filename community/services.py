"""Writes of the community app: one function per use case, each in one transaction."""

from allauth.account.models import EmailAddress
from django.db import transaction

from community.models import Profile, User
from community.validators import normalise_plain_text, validate_plain_text


def _clean_display_name(display_name: str) -> str:
    display_name = normalise_plain_text(display_name)
    validate_plain_text(display_name)
    return display_name


@transaction.atomic
def update_profile(user: User, *, display_name: str) -> Profile:
    """Set what others see of `user`; creates the profile of an account made elsewhere (admin, shell)."""
    profile, _created = Profile.objects.update_or_create(
        user=user, defaults={"display_name": _clean_display_name(display_name)}
    )
    return profile


@transaction.atomic
def set_segment(user: User, segment: Profile.Segment) -> Profile:
    """Record which part of the ecosystem `user` speaks for (counted in vote breakdowns)."""
    profile, _created = Profile.objects.update_or_create(
        user=user, defaults={"segment": segment}, create_defaults={"display_name": user.username, "segment": segment}
    )
    return profile


@transaction.atomic
def provision_account(
    *,
    email: str,
    username: str,
    display_name: str,
    password: str | None = None,
    email_verified: bool = False,
    staff: bool = False,
) -> User:
    """Create or bring up to date an account made for someone rather than by them.

    Used for demo data and for people whose ideas arrive through support or the API.
    Idempotent: called twice with the same e-mail, it leaves one account.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() or User(email=email, username=username)
    user.is_staff = user.is_superuser = staff
    if password:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"primary": True, "verified": email_verified}
    )
    update_profile(user, display_name=display_name)
    return user
