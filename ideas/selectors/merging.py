"""Reads around merging: what was merged into an idea, where it may go, and the vote arithmetic."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from community import access
from community.models import User
from ideas.models import (
    Idea,
    Vote,
)
from ideas.selectors.ideas import ideas_merged_into_for


def merged_ideas_for(viewer: User, idea: Idea) -> QuerySet[Idea]:
    """The ideas merged into `idea` that `viewer` may see, for its page (nothing is asked when
    `idea_for` already found there are none)."""
    if not getattr(idea, "has_merged", True):
        return Idea.objects.none()
    return ideas_merged_into_for(viewer, idea).order_by("pk")


def merge_target_for(viewer: User, idea: Idea) -> Idea | None:
    """The idea `idea` was merged into, if `viewer` may see it (it may be in another space)."""
    target = idea.merged_into if idea.merged_into_id else None
    return target if target is not None and access.can_view(viewer, target) else None


@dataclass(frozen=True)
class MergePreview:
    """The vote arithmetic of merging `source` into `target`, shown before a moderator confirms."""

    source_votes: int
    target_votes: int
    shared: int

    @property
    def moving(self) -> int:
        return self.source_votes - self.shared

    @property
    def target_after(self) -> int:
        return self.target_votes + self.moving


def merge_preview_for(source: Idea, target: Idea) -> MergePreview:
    target_voters = Vote.objects.filter(idea=target).values("user_id")
    counts = Vote.objects.filter(idea__in=[source.pk, target.pk]).aggregate(
        source_votes=Count("pk", filter=Q(idea=source)),
        target_votes=Count("pk", filter=Q(idea=target)),
        shared=Count("pk", filter=Q(idea=source, user_id__in=target_voters)),
    )
    return MergePreview(**counts)
