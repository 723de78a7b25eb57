"""An idea's status history."""

from django.db.models import QuerySet

from ideas.models import (
    Idea,
    StatusChange,
)


def status_history_for(idea: Idea) -> QuerySet[StatusChange]:
    return idea.status_changes.select_related("actor__profile")
