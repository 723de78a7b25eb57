"""Reads of spaces and their categories, as the viewer may see them."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from community import access
from community.models import Space, User
from ideas.models import (
    Category,
)


def categories_for(space: Space) -> QuerySet[Category]:
    return space.categories.all()


def space_for(viewer: User, slug: str) -> Space:
    space = access.visible_spaces(viewer).filter(slug=slug).first()
    if space is None:
        raise Http404("No space matches the given query.")
    return space


def contributable_spaces_for(viewer: User) -> QuerySet[Space]:
    """Spaces where `viewer` may post (for the space choice of the submit form)."""
    if not viewer.is_authenticated or not access.has_verified_email(viewer):
        return Space.objects.none()
    return access.visible_spaces(viewer)


def spaces_for(viewer: User) -> QuerySet[Space]:
    """Spaces `viewer` may see, each with `idea_count`: the ideas a list of it would show."""
    listed = Q(ideas__hidden=False, ideas__merged_into=None)
    return access.visible_spaces(viewer).annotate(idea_count=Count("ideas", filter=listed)).order_by("name")


def visible_categories_for(viewer: User) -> QuerySet[Category]:
    return (
        Category.objects.filter(space__in=access.visible_spaces(viewer))
        .select_related("space")
        .order_by("space__slug", "name")
    )
