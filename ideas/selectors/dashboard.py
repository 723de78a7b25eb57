"""Reads for the back office's dashboard, filtered for the viewer like every other list."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from community.models import User
from ideas.models import Idea
from ideas.selectors.ideas import idea_list_for

NEWEST_SHOWN = 5


@dataclass(frozen=True)
class WeeksNewIdeas:
    count: int
    newest: list[Idea]


def new_ideas_this_week_for(viewer: User) -> WeeksNewIdeas:
    """How many ideas the viewer may see were posted in the last seven days, and the newest of them
    (two queries)."""
    ideas = idea_list_for(viewer).filter(created_at__gte=timezone.now() - timedelta(days=7))
    return WeeksNewIdeas(count=ideas.count(), newest=list(ideas.order_by("-created_at", "-pk")[:NEWEST_SHOWN]))
