"""Reads of a person's notifications, through the access rule."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from community import access
from community.models import Notification, User


def notifications_for(user: User) -> QuerySet[Notification]:
    """`user`'s notifications, newest first, leaving out spaces they can no longer see.

    The access rule is applied here, on every read, so removing a member hides what they
    were told about that space from their next request on, and hiding an idea hides what
    its followers were told about it.
    """
    notifications = Notification.objects.filter(recipient_id=user.pk, space__in=access.visible_spaces(user))
    for model in access.hideable_models():
        notifications = notifications.exclude(
            target_type=ContentType.objects.get_for_model(model),
            target_id__in=access.hidden_from(user, model).values("pk"),
        )
    return notifications.select_related("space", "actor__profile").order_by("-created_at", "-pk")


def unread_notification_count_for(user: User) -> int:
    """How many of `notifications_for(user)` are unread: one query, for the bell in the header."""
    return notifications_for(user).filter(read_at=None).count()
