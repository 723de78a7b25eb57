"""Reads of the ideas app: querysets already filtered for the viewer.

Each returns what a page or an API answer renders with a constant number of queries,
whatever its length: related rows are joined or prefetched here, not looked up per row.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _

from community import access
from community.models import SPACE_LOGO_FOLDER, Space, User
from ideas.models import (
    IDEA_IMAGE_FOLDER,
    Category,
    Comment,
    Follow,
    Idea,
    IdeaImage,
    StatusChange,
    TrackerLink,
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


def _readable_ideas(viewer: User) -> QuerySet[Idea]:
    """Ideas whose own page `viewer` may open: hidden ones too for their author and the space's
    moderators, merged ones too so that links to them keep working and point to where they went."""
    return Idea.objects.filter(access.readable_posts(viewer), space__in=access.visible_spaces(viewer))


def idea_for(viewer: User, pk: int) -> Idea:
    """One idea for its page, or Http404 — the same for an outsider as for a missing idea."""
    ideas = (
        _readable_ideas(viewer)
        .select_related("space", "category", "author__profile", "merged_into")
        .annotate(has_merged=Exists(_merged_into(viewer, OuterRef("pk"))))
    )
    idea = _with_viewer_state(ideas, viewer).filter(pk=pk).first()
    if idea is None:
        raise Http404("No idea matches the given query.")
    return idea


def idea_image_for(viewer: User, name: str) -> IdeaImage:
    """The image stored as `name` in the ideas folder, if `viewer` may open its idea's page;
    else Http404, the same as for a name that was never stored."""
    image = (
        IdeaImage.objects.filter(image=f"{IDEA_IMAGE_FOLDER}/{name}", idea__in=_readable_ideas(viewer))
        .select_related("idea__space")
        .first()
    )
    if image is None:
        raise Http404("No image matches the given query.")
    return image


def _readable_comments(viewer: User) -> Q:
    """Comments that travel with their idea, or that stayed behind in a space `viewer` may see;
    hidden ones only for their author and the moderators of the space they are in."""
    kept = Q(kept_in_space=None) | Q(kept_in_space__in=access.visible_spaces(viewer))
    shown = Q(hidden=False)
    if viewer.is_authenticated:
        moderated = access.moderated_spaces(viewer)
        shown |= Q(author_id=viewer.pk) | Q(kept_in_space=None, idea__space__in=moderated)
        shown |= Q(kept_in_space__in=moderated)
    return kept & shown


def comments_for(viewer: User, idea: Idea) -> QuerySet[Comment]:
    """Top-level comments of an idea the viewer may see, with their replies, oldest first."""
    readable = Comment.objects.filter(access.readable_comments(viewer)).select_related(
        "author__profile", "kept_in_space"
    )
    return readable.filter(idea=idea, parent=None, idea__space__in=access.visible_spaces(viewer)).prefetch_related(
        Prefetch("replies", queryset=readable.order_by("created_at", "pk"))
    )


def move_destinations_for(viewer: User, idea: Idea) -> QuerySet[Space]:
    """The spaces `viewer` may move `idea` to: the others they moderate, if they moderate its own
    (checked in the same query)."""
    moderated = access.moderated_spaces(viewer)
    return moderated.exclude(pk=idea.space_id).filter(Exists(moderated.filter(pk=idea.space_id))).order_by("name")


def status_history_for(idea: Idea) -> QuerySet[StatusChange]:
    return idea.status_changes.select_related("actor__profile")


def similar_ideas_for(viewer: User, title: str, *, space: Space | None = None) -> list[Idea]:
    """Up to five ideas the viewer may see that look like `title`, for "vote for this instead"."""
    candidates = idea_list_for(viewer, space=space).exclude(status=Idea.Status.DUPLICATE)
    return list(search_ideas(candidates, title, any_word=True)[:SIMILAR_IDEAS_LIMIT])


def categories_for(space: Space) -> QuerySet[Category]:
    return space.categories.all()


def space_for(viewer: User, slug: str) -> Space:
    space = access.visible_spaces(viewer).filter(slug=slug).first()
    if space is None:
        raise Http404("No space matches the given query.")
    return space


def space_logo_for(viewer: User, slug: str, name: str) -> Space:
    """The space whose logo is stored as `name`, if `viewer` may see the space; else Http404."""
    space = access.visible_spaces(viewer).filter(slug=slug, logo=f"{SPACE_LOGO_FOLDER}/{name}").first()
    if space is None:
        raise Http404("No logo matches the given query.")
    return space


def contributable_spaces_for(viewer: User) -> QuerySet[Space]:
    """Spaces where `viewer` may post (for the space choice of the submit form)."""
    if not viewer.is_authenticated or not access.has_verified_email(viewer):
        return Space.objects.none()
    return access.visible_spaces(viewer)


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


def spaces_for(viewer: User) -> QuerySet[Space]:
    """Spaces `viewer` may see, each with `idea_count`: the ideas a list of it would show."""
    listed = Q(ideas__hidden=False, ideas__merged_into=None)
    return access.visible_spaces(viewer).annotate(idea_count=Count("ideas", filter=listed)).order_by("name")


def own_vote_for(viewer: User, idea: Idea) -> Vote | None:
    """`viewer`'s vote for `idea` (to show its importance), or None."""
    if not viewer.is_authenticated:
        return None
    return Vote.objects.filter(idea=idea, user_id=viewer.pk).first()


def comment_for(viewer: User, pk: int) -> Comment:
    """One comment, with its idea, or Http404 when the viewer may not see that idea."""
    comment = Comment.objects.select_related("author__profile").filter(access.readable_comments(viewer), pk=pk).first()
    if comment is None:
        raise Http404("No comment matches the given query.")
    comment.idea = idea_for(viewer, comment.idea_id)
    return comment


def person_for(username: str) -> User:
    """Whose profile page this is, or Http404."""
    person = User.objects.select_related("profile").filter(username=username, is_active=True).first()
    if person is None:
        raise Http404("No person matches the given query.")
    return person


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


def idea_comments_for(viewer: User, idea: Idea) -> QuerySet[Comment]:
    """All comments of an idea the viewer may see, replies included, as one flat list."""
    return Comment.objects.filter(
        access.readable_comments(viewer), idea=idea, idea__space__in=access.visible_spaces(viewer)
    ).select_related("author__profile")


def votes_for(viewer: User, idea: Idea) -> QuerySet[Vote]:
    """Who voted for `idea`, for staff following up; PermissionDenied for anyone else."""
    if not access.can_read_votes(viewer, idea):
        raise PermissionDenied(_("Only staff may see who voted."))
    return (
        Vote.objects.filter(idea=idea).select_related("user__profile", "cast_by__profile").order_by("created_at", "pk")
    )


def tracker_links_for(idea: Idea) -> QuerySet[TrackerLink]:
    """The R&D issues that carry `idea` forward, in the order they were linked (for its page)."""
    return idea.tracker_links.order_by("created_at", "pk")


def tracker_link_for(viewer: User, pk: int) -> TrackerLink:
    """A tracker link of an idea the viewer may see, or Http404."""
    link = TrackerLink.objects.filter(pk=pk).first()
    if link is None:
        raise Http404("No tracker link matches the given query.")
    link.idea = idea_for(viewer, link.idea_id)
    return link


def visible_categories_for(viewer: User) -> QuerySet[Category]:
    return (
        Category.objects.filter(space__in=access.visible_spaces(viewer))
        .select_related("space")
        .order_by("space__slug", "name")
    )


def _merged_into(viewer: User, idea) -> QuerySet[Idea]:
    """Visible ideas merged into `idea` (an Idea or an OuterRef)."""
    return Idea.objects.filter(merged_into=idea, hidden=False, space__in=access.visible_spaces(viewer))


def merged_ideas_for(viewer: User, idea: Idea) -> QuerySet[Idea]:
    """The ideas merged into `idea` that `viewer` may see, for its page (nothing is asked when
    `idea_for` already found there are none)."""
    if not getattr(idea, "has_merged", True):
        return Idea.objects.none()
    return _merged_into(viewer, idea).order_by("pk")


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
