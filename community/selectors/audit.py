"""Reads of the moderation log, filtered for the viewer."""

from django.db.models import QuerySet

from community import access
from community.models import ModerationAction, User


def moderation_log_for(viewer: User) -> QuerySet[ModerationAction]:
    """Entries `viewer` may read, newest first: those of the spaces they moderate, or all for staff,
    with who acted and on whom joined in, so a page of them costs the same whatever its length."""
    entries = ModerationAction.objects.select_related("actor__profile", "subject__profile", "space", "target_type")
    if access.can_read_whole_moderation_log(viewer):
        return entries
    return entries.filter(space__in=access.moderated_spaces(viewer))
