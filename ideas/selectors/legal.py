"""Reads for the legal side of an idea: its internal notes, and who may delete it."""

from django.db.models import Exists, OuterRef, QuerySet

from community import access
from community.models import User
from ideas.models import Comment, Idea, InternalNote, Vote


def internal_notes_for(viewer: User, idea: Idea) -> QuerySet[InternalNote]:
    """`idea`'s internal notes, oldest first: for its space's moderators and staff (`access.can_read_internal_notes`,
    applied inside the query); empty for anyone else."""
    readers_of = access.moderated_spaces(viewer)
    return InternalNote.objects.filter(idea=idea, idea__space__in=readers_of).select_related("author__profile")


def others_took_part(idea: Idea) -> bool:
    """Whether anyone but its author voted for or commented on `idea` (one query)."""
    others = {"idea": OuterRef("pk")}
    votes = Vote.objects.filter(**others).exclude(user_id=idea.author_id)
    comments = Comment.objects.filter(**others).exclude(author_id=idea.author_id)
    return Idea.objects.filter(Exists(votes) | Exists(comments), pk=idea.pk).exists()


def can_delete_idea(viewer: User, idea: Idea) -> bool:
    """Whether `viewer` may delete `idea` (`access.can_delete`), for showing the button. Whether others
    took part matters only when the viewer is its author, so only then is it looked up."""
    if not viewer.is_authenticated:
        return False
    is_author = idea.author_id == viewer.pk
    return access.can_delete(viewer, idea, others_took_part=is_author and others_took_part(idea))
