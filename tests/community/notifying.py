"""A notification for one person about an idea, as the ideas app would send it."""

from community.models import Notification, User
from community.services import notify


def tell(recipient: User, idea, **fields) -> Notification:
    fields = {"subject": idea.title, "message": "Status: Planned", "url": idea.get_absolute_url(), **fields}
    [notification] = notify(
        User.objects.filter(pk=recipient.pk),
        space=idea.space,
        kind=Notification.Kind.STATUS_CHANGE,
        target=idea,
        **fields,
    )
    return notification
