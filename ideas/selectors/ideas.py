"""Reads of ideas: lists and filters, an idea's page, similar ideas, and what integrations pull."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, prefetch_related_objects
from django.http import Http404

from community import access
from community.models import Space, User
from ideas.models import (
    Follow,
    Idea,
    Vote,
)
from ideas.search import search_ideas

SIMILAR_IDEAS_LIMIT = 5


class Sort:
    TRENDING = "trending"
    TOP = "top"
    NEWEST = "newest"
    UPDATED = "updated"
    ORDERING = {
        TRENDING: ("-trending_score", "-pk"),
        TOP: ("-vote_count", "-pk"),
        NEWEST: ("-created_at", "-pk"),
        UPDATED: ("-updated_at", "-pk"),
    }


@dataclass(frozen=True)
class IdeaFilters:
    """What a list asks for; every field optional. Unknown values simply match nothing."""

    space: Space | None = None
    statuses: tuple[str, ...] = ()
    category: str = ""
    mine: bool = False
    voted: bool = False
    query: str = ""
    sort: str = Sort.TRENDING


def _with_viewer_state(ideas: QuerySet[Idea], viewer: User) -> QuerySet[Idea]:
    """Whether the viewer voted for / follows each idea: one subquery each, in the same query."""
    if not viewer.is_authenticated:
        return ideas
    return ideas.annotate(
        has_voted=Exists(Vote.objects.filter(idea=OuterRef("pk"), user_id=viewer.pk)),
        is_following=Exists(Follow.objects.filter(idea=OuterRef("pk"), user_id=viewer.pk)),
    )


def idea_list_for(viewer: User, *, space: Space | None = None) -> QuerySet[Idea]:
    """Ideas `viewer` may see, ready for a list page or an API list."""
    ideas = Idea.objects.filter(space__in=access.visible_spaces(viewer), hidden=False, merged_into=None).select_related(
        "space", "category", "author__profile"
    )
    if space is not None:
        ideas = ideas.filter(space=space)
    return _with_viewer_state(ideas, viewer)


def filtered_ideas_for(viewer: User, filters: IdeaFilters) -> QuerySet[Idea]:
    ideas = idea_list_for(viewer, space=filters.space)
    if filters.statuses:
        ideas = ideas.filter(status__in=filters.statuses)
    if filters.category:
        ideas = ideas.filter(category__slug=filters.category)
    if filters.mine and viewer.is_authenticated:
        ideas = ideas.filter(author_id=viewer.pk)
    if filters.voted and viewer.is_authenticated:
        ideas = ideas.filter(has_voted=True)
    if (filters.mine or filters.voted) and not viewer.is_authenticated:
        ideas = ideas.none()
    if filters.query:
        return search_ideas(ideas, filters.query)
    return ideas.order_by(*Sort.ORDERING.get(filters.sort, Sort.ORDERING[Sort.TRENDING]))


def readable_ideas_for(viewer: User) -> QuerySet[Idea]:
    """Ideas whose own page `viewer` may open: hidden ones too for their author and the space's
    moderators, merged ones too so that links to them keep working and point to where they went."""
    return Idea.objects.filter(access.readable_posts(viewer), space__in=access.visible_spaces(viewer))


def idea_for(viewer: User, pk: int) -> Idea:
    """One idea for its page, or Http404 — the same for an outsider as for a missing idea."""
    ideas = (
        readable_ideas_for(viewer)
        .select_related("space", "category", "author__profile", "merged_into")
        .annotate(has_merged=Exists(ideas_merged_into_for(viewer, OuterRef("pk"))))
    )
    idea = _with_viewer_state(ideas, viewer).filter(pk=pk).first()
    if idea is None:
        raise Http404("No idea matches the given query.")
    return idea


def similar_ideas_for(viewer: User, title: str, *, space: Space | None = None) -> list[Idea]:
    """Up to five ideas the viewer may see that look like `title`, for "vote for this instead"."""
    candidates = idea_list_for(viewer, space=space).exclude(status=Idea.Status.DUPLICATE)
    return list(search_ideas(candidates, title, any_word=True)[:SIMILAR_IDEAS_LIMIT])


def integration_ideas_for(viewer: User) -> QuerySet[Idea]:
    """Ideas `viewer` may see, with what an integration reads (tags, tracker links).

    Unlike the site's lists, merged ideas are included: integrations need to learn
    where an idea they track went (`merged_into`).
    """
    return (
        Idea.objects.filter(space__in=access.visible_spaces(viewer), hidden=False)
        .select_related("space", "category", "author__profile", "campaign")
        .prefetch_related("tags", "tracker_links")
    )


def integration_idea_for(viewer: User, pk: int) -> Idea:
    """One idea as `idea_for` allows it, with its tags and tracker links; Http404 otherwise."""
    idea = idea_for(viewer, pk)
    prefetch_related_objects([idea], "tags", "tracker_links")
    return idea


def ideas_merged_into_for(viewer: User, idea) -> QuerySet[Idea]:
    """Visible ideas merged into `idea` (an Idea or an OuterRef)."""
    return Idea.objects.filter(merged_into=idea, hidden=False, space__in=access.visible_spaces(viewer))
