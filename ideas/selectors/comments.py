"""Reads of comments, each filtered by the access rule for comments."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from community import access
from community.models import User
from ideas.models import (
    Comment,
    Idea,
)
from ideas.selectors.ideas import idea_for


def comments_for(viewer: User, idea: Idea) -> QuerySet[Comment]:
    """Top-level comments of an idea the viewer may see, with their replies, oldest first."""
    readable = Comment.objects.filter(access.readable_comments(viewer)).select_related(
        "author__profile", "kept_in_space"
    )
    return readable.filter(idea=idea, parent=None, idea__space__in=access.visible_spaces(viewer)).prefetch_related(
        Prefetch("replies", queryset=readable.order_by("created_at", "pk"))
    )


def comment_for(viewer: User, pk: int) -> Comment:
    """One comment, with its idea, or Http404 when the viewer may not see that idea."""
    comment = Comment.objects.select_related("author__profile").filter(access.readable_comments(viewer), pk=pk).first()
    if comment is None:
        raise Http404("No comment matches the given query.")
    comment.idea = idea_for(viewer, comment.idea_id)
    return comment


def idea_comments_for(viewer: User, idea: Idea) -> QuerySet[Comment]:
    """All comments of an idea the viewer may see, replies included, as one flat list."""
    return Comment.objects.filter(
        access.readable_comments(viewer), idea=idea, idea__space__in=access.visible_spaces(viewer)
    ).select_related("author__profile")
