"""Reads of votes: the viewer's own, and who voted (for staff)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from community import access
from community.models import User
from ideas.models import (
    Idea,
    Vote,
)


def own_vote_for(viewer: User, idea: Idea) -> Vote | None:
    """`viewer`'s vote for `idea` (to show its importance), or None."""
    if not viewer.is_authenticated:
        return None
    return Vote.objects.filter(idea=idea, user_id=viewer.pk).first()


def votes_for(viewer: User, idea: Idea) -> QuerySet[Vote]:
    """Who voted for `idea`, for staff following up; PermissionDenied for anyone else."""
    if not access.can_read_votes(viewer, idea):
        raise PermissionDenied(_("Only staff may see who voted."))
    return (
        Vote.objects.filter(idea=idea).select_related("user__profile", "cast_by__profile").order_by("created_at", "pk")
    )
