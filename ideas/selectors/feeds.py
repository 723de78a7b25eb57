"""Reads for feeds and the sitemap: only what an anonymous visitor may see.

Feed readers and search engines fetch anonymously, and feed URLs get shared, so these
reads ignore who asks: each filters by what `access.visible_spaces` grants a visitor
who is not signed in, inside its own query — even a member gets the public content only.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, QuerySet
from django.http import Http404

from community import access
from community.models import Space
from ideas.models import Idea, StatusChange


def public_spaces() -> QuerySet[Space]:
    """The spaces anyone may read, in a stable order (the sitemap pages through them)."""
    return access.visible_spaces(AnonymousUser()).order_by("pk")


def public_space(slug: str) -> Space:
    """One space anyone may read, or Http404 — the same for a private space as for a missing one."""
    space = public_spaces().filter(slug=slug).first()
    if space is None:
        raise Http404("No space matches the given query.")
    return space


def public_ideas() -> QuerySet[Idea]:
    """The ideas anyone may read in a list: in a public space, neither hidden nor merged."""
    return Idea.objects.filter(space__in=public_spaces(), hidden=False, merged_into=None)


def new_ideas_in(space: Space, *, limit: int) -> list[Idea]:
    """The newest `limit` ideas of `space` (if it is public) with all a feed item shows (three queries)."""
    ideas = (
        public_ideas()
        .filter(space=space)
        .select_related("space", "category", "author__profile")
        .prefetch_related("tags")
        .order_by("-created_at", "-pk")
    )
    return list(ideas[:limit])


def public_status_changes(*, space: Space | None = None, limit: int) -> list[StatusChange]:
    """The latest `limit` status changes of the ideas anyone may read, in `space` if given.

    A merged idea's changes stay: its page is public and says where it went.
    """
    changes = StatusChange.objects.filter(idea__space__in=public_spaces(), idea__hidden=False)
    if space is not None:
        changes = changes.filter(idea__space=space)
    changes = changes.select_related("idea__space", "idea__category", "actor__profile")
    return list(changes.order_by("-created_at", "-pk")[:limit])


def sitemap_ideas() -> QuerySet[Idea]:
    """The public ideas as the sitemap pages through them: by key, with only what an entry needs."""
    return public_ideas().only("pk", "updated_at").order_by("pk")


def latest_idea_change():
    """When a public idea last changed (one aggregate query), or None when there is none."""
    return public_ideas().aggregate(latest=Max("updated_at"))["latest"]
