"""Template context of the ideas app shared by every page."""

from functools import cache

from community import access


def moderation(request):
    """Whether to show the moderation queue in the header: one query, only for signed-in people,
    and only if a page shows the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"moderates_somewhere": cache(lambda: access.moderated_spaces(user).exists())}
