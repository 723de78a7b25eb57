"""A person's page: who they are, and what they posted that the viewer may see."""

from django.db.models import QuerySet
from django.http import Http404

from community import access
from community.models import User
from ideas.models import (
    Comment,
    Idea,
)
from ideas.selectors.ideas import idea_list_for


def authored_ideas_for(viewer: User, author: User) -> QuerySet[Idea]:
    """`author`'s ideas, for their profile page: only those `viewer` may see."""
    return idea_list_for(viewer).filter(author=author).order_by("-created_at", "-pk")


def authored_comments_for(viewer: User, author: User) -> QuerySet[Comment]:
    """`author`'s comments on ideas `viewer` may see, newest first."""
    return (
        Comment.objects.filter(
            access.readable_comments(viewer),
            author=author,
            deleted_at=None,
            idea__in=idea_list_for(viewer).values("pk"),
        )
        .select_related("idea")
        .order_by("-created_at", "-pk")
    )


def person_for(username: str) -> User:
    """Whose profile page this is, or Http404."""
    person = User.objects.select_related("profile").filter(username=username, is_active=True).first()
    if person is None:
        raise Http404("No person matches the given query.")
    return person
