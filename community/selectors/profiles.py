"""Reads of people's profiles."""

from community.models import Profile, User


def profile_for(user: User) -> Profile:
    """`user`'s own profile; an unsaved default for accounts created without one (admin, shell)."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        return Profile(user=user, display_name=user.username)
