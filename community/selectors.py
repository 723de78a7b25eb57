"""Reads of the community app."""

from django.db.models import QuerySet

from community import access
from community.models import Notification, Profile, User


def profile_for(user: User) -> Profile:
    """`user`'s own profile; an unsaved default for accounts created without one (admin, shell)."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        return Profile(user=user, display_name=user.username)


def notifications_for(user: User) -> QuerySet[Notification]:
    """`user`'s notifications, newest first, leaving out spaces they can no longer see.

    The access rule is applied here, on every read, so removing a member hides what they
    were told about that space from their next request on.
    """
    return (
        Notification.objects.filter(recipient_id=user.pk, space__in=access.visible_spaces(user))
        .select_related("space", "actor__profile")
        .order_by("-created_at", "-pk")
    )


def unread_notification_count(user: User) -> int:
    """How many of `notifications_for(user)` are unread: one query, for the bell in the header."""
    return notifications_for(user).filter(read_at=None).count()
