"""Reads of people's profiles."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.db.models import QuerySet

from community.models import Profile, User


def account_with_email(email: str) -> User | None:
    """The account holding `email` as any of its addresses, whatever the case; None if no one does."""
    email = email.strip()
    known = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if known is not None:
        return known.user
    return User.objects.filter(email__iexact=email).first()


def profile_for(user: User) -> Profile:
    """`user`'s own profile; an unsaved default for accounts created without one (admin, shell)."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        return Profile(user=user, display_name=user.username)


def connected_accounts_for(user: User) -> QuerySet[SocialAccount]:
    """The provider accounts (company sign-in, GitHub…) `user` signs in with, oldest first."""
    return SocialAccount.objects.filter(user_id=user.pk).order_by("date_joined", "pk")
