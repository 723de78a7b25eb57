"""Where an idea may be moved."""

from django.db.models import Exists, QuerySet

from community import access
from community.models import Space, User
from ideas.models import (
    Idea,
)


def move_destinations_for(viewer: User, idea: Idea) -> QuerySet[Space]:
    """The spaces `viewer` may move `idea` to: the others they moderate, if they moderate its own
    (checked in the same query)."""
    moderated = access.moderated_spaces(viewer)
    return moderated.exclude(pk=idea.space_id).filter(Exists(moderated.filter(pk=idea.space_id))).order_by("name")
