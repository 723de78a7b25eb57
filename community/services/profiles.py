"""People's accounts and profiles: display name, e-mail frequency, segment, trust level."""

import secrets

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from community import access
from community.models import (
    Profile,
    Space,
    User,
)
from community.selectors.profiles import account_with_email
from community.validators import normalise_plain_text, validate_plain_text


def _clean_display_name(display_name: str) -> str:
    display_name = normalise_plain_text(display_name)
    validate_plain_text(display_name)
    return display_name


@transaction.atomic
def update_profile(actor: User, *, display_name: str, email_frequency: Profile.EmailFrequency | None = None) -> Profile:
    """Set what others see of `user` and, if given, how often they get e-mail.

    Creates the profile of an account made elsewhere (admin, shell).
    """
    fields = {"display_name": _clean_display_name(display_name)}
    if email_frequency:
        fields["email_frequency"] = Profile.EmailFrequency(email_frequency)
    profile, _created = Profile.objects.update_or_create(user=actor, defaults=fields)
    return profile


@transaction.atomic
def stop_emails(user: User) -> Profile:
    """Send `user` no more notification e-mails (the unsubscribe link); in-app notifications go on."""
    never = {"email_frequency": Profile.EmailFrequency.NEVER}
    profile, _created = Profile.objects.update_or_create(
        user=user, defaults=never, create_defaults={"display_name": user.username, **never}
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
    user.set_staff(staff)
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


@transaction.atomic
def account_for_email(email: str) -> User:
    """The account of `email`, or a new one for it: no password, address unverified.

    For people whose ideas and votes reach us through support or an integration. They
    claim the account later by resetting its password, which verifies the address.
    """
    email = email.strip().lower()
    return account_with_email(email) or provision_account(
        email=email, username=f"via-{secrets.token_hex(6)}", display_name=gettext("Customer")
    )


def confirm_addresses(user: User, emails: list[str]) -> int:
    """Mark those of `user`'s addresses that are among `emails` verified, as a confirmation link would:
    for addresses a trusted identity provider vouched for. Returns how many changed."""
    wanted = {email.lower() for email in emails}
    unverified = EmailAddress.objects.filter(user_id=user.pk, verified=False)
    pks = [address.pk for address in unverified if address.email.lower() in wanted]
    return EmailAddress.objects.filter(pk__in=pks).update(verified=True)


@transaction.atomic
def account_to_act_for(actor: User, space: Space, email: str, *, create: bool = False, field: str = "email") -> User:
    """The person a moderator of `space` acts for (a proxy vote, an idea posted for them), by e-mail.

    Whether `actor` may act for anyone is decided first, so someone who may not learns nothing
    about who has an account and makes none. An address no account holds is refused (a
    ValidationError on `field`) unless `create` says to make an account for it.
    """
    if not access.can_moderate(actor, space):
        raise PermissionDenied(gettext("Only moderators may act on someone's behalf."))
    if create:
        return account_for_email(email)
    person = account_with_email(email)
    if person is None:
        message = gettext(
            "No one has an account with this e-mail address. Check it, or ask for an account to be created "
            "for this person."
        )
        raise ValidationError({field: message}, code="unknown_person")
    return person


@transaction.atomic
def refresh_segment(user: User) -> Profile:
    """Set `user`'s segment from their memberships and verified domains; votes cast from now on carry it."""
    return set_segment(user, access.segment_of(user))


@transaction.atomic
def set_trust_level(user: User, level: Profile.TrustLevel) -> Profile:
    """Record how far `user`'s activity earned trust (computed by `ideas.trust`); it sets their rate limits."""
    level = Profile.TrustLevel(level)
    profile, _created = Profile.objects.update_or_create(
        user=user,
        defaults={"trust_level": level},
        create_defaults={"display_name": user.username, "trust_level": level},
    )
    return profile
