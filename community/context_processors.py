"""Template context of the community app shared by every page."""

from functools import cache

from community import selectors


def notifications(request):
    """The unread count for the bell in the header: one query, and only if a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # A template calls a callable it finds; `cache` makes a second use cost no second query.
    return {"unread_notification_count": cache(lambda: selectors.unread_notification_count_for(user))}
