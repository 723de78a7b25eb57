"""Reads for the public site's pages (home, campaigns, roadmap, changelog), filtered for the viewer.

Like `ideas.selectors`, each starts from what the viewer may see, so a private space's ideas
and campaigns are never listed or counted for an outsider, and each costs a fixed number of
queries whatever the number of ideas.
"""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from community import access
from community.models import Space, User
from ideas.models import Campaign, Category, Idea, StatusChange, StatusLabel, Vote
from ideas.selectors.campaigns import campaigns_for
from ideas.selectors.ideas import IdeaFilters, Sort, filtered_ideas_for, idea_list_for

# Statuses whose ideas are still being decided or built: what "trending" is about.
OPEN_STATUSES = (Idea.Status.NEW, Idea.Status.UNDER_REVIEW, Idea.Status.PLANNED, Idea.Status.IN_PROGRESS)
ROADMAP_STATUSES = (Idea.Status.PLANNED, Idea.Status.IN_PROGRESS, Idea.Status.SHIPPED)
ROADMAP_COLUMN_LIMIT = 50
# The median time to a first response looks at the most recent ideas only, so the home page
# reads a bounded number of rows on a portal of any size.
RESPONSE_SAMPLE_DAYS = 365
RESPONSE_SAMPLE_SIZE = 2000
# The stages in which a campaign takes ideas (between its dates).
OPEN_STAGES = (Campaign.Stage.PILOT, Campaign.Stage.OPEN)


def trending_ideas_for(viewer: User, limit: int) -> list[Idea]:
    """The ideas gathering votes now, among those still open."""
    ideas = filtered_ideas_for(viewer, IdeaFilters(statuses=OPEN_STATUSES, sort=Sort.TRENDING))
    return list(ideas[:limit])


def recently_shipped_for(viewer: User, limit: int) -> list[Idea]:
    ideas = idea_list_for(viewer).filter(status=Idea.Status.SHIPPED)
    return list(ideas.order_by("-shipped_at", "-pk")[:limit])


def block_ideas_for(viewer: User, *, space: str = "", status: str = "", category: str = "", limit: int) -> list[Idea]:
    """A live list an editor configured (space and category by slug): nothing when the viewer
    may not see the space, exactly as when it does not exist."""
    chosen = None
    if space:
        chosen = access.visible_spaces(viewer).filter(slug=space).first()
        if chosen is None:
            return []
    statuses = (status,) if status else ()
    filters = IdeaFilters(space=chosen, statuses=statuses, category=category, sort=Sort.TRENDING)
    return list(filtered_ideas_for(viewer, filters)[:limit])


def quarter_start(now: datetime) -> datetime:
    local = timezone.localtime(now)
    month = 3 * ((local.month - 1) // 3) + 1
    return local.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class ParticipationFigures:
    ideas: int
    voters: int
    shipped_this_quarter: int
    median_first_response: timedelta | None


def _first_response() -> Subquery:
    """When an idea got its first official response: the first status change with a message."""
    responses = StatusChange.objects.filter(idea=OuterRef("pk")).exclude(message="").order_by("created_at", "pk")
    return Subquery(responses.values("created_at")[:1])


def participation_figures_for(viewer: User) -> ParticipationFigures:
    """What the portal has done, counted over the ideas the viewer may see (three queries)."""
    now = timezone.now()
    listed = Idea.objects.filter(space__in=access.visible_spaces(viewer), hidden=False, merged_into=None)
    counts = listed.aggregate(
        ideas=Count("pk"),
        shipped=Count("pk", filter=Q(status=Idea.Status.SHIPPED, shipped_at__gte=quarter_start(now))),
    )
    voters = Vote.objects.filter(idea__in=listed.values("pk")).aggregate(voters=Count("user", distinct=True))
    answered = (
        listed.filter(created_at__gte=now - timedelta(days=RESPONSE_SAMPLE_DAYS))
        .annotate(first_response=_first_response())
        .exclude(first_response=None)
        .order_by("-created_at")
        .values_list("created_at", "first_response")[:RESPONSE_SAMPLE_SIZE]
    )
    waits = [(responded - created).total_seconds() for created, responded in answered]
    return ParticipationFigures(
        ideas=counts["ideas"],
        voters=voters["voters"],
        shipped_this_quarter=counts["shipped"],
        median_first_response=timedelta(seconds=statistics.median(waits)) if waits else None,
    )


def open_campaigns_for(viewer: User) -> QuerySet[Campaign]:
    """Campaigns taking ideas now, in spaces the viewer may see, closing soonest first."""
    now = timezone.now()
    taking_ideas = campaigns_for(viewer).filter(stage__in=OPEN_STAGES, starts_at__lte=now, ends_at__gt=now)
    return taking_ideas.order_by("ends_at", "pk")


def accepts_ideas(campaign: Campaign) -> bool:
    """Whether the campaign takes submissions now: a pilot or open one, between its dates."""
    now = timezone.now()
    stage_open = campaign.stage in OPEN_STAGES
    return stage_open and campaign.starts_at <= now < campaign.ends_at


def campaign_ideas_for(viewer: User, campaign: Campaign) -> QuerySet[Idea]:
    """The ideas submitted to `campaign` that the viewer may see, most voted first."""
    return idea_list_for(viewer).filter(campaign=campaign).order_by("-vote_count", "-pk")


def _latest_response() -> Subquery:
    responses = StatusChange.objects.filter(idea=OuterRef("pk")).exclude(message="").order_by("-created_at", "-pk")
    return Subquery(responses.values("message")[:1])


def roadmap_for(viewer: User, *, space: Space | None = None, category: str = "") -> dict[str, list[Idea]]:
    """The roadmap's columns (planned, in progress, shipped), each idea with `latest_response`:
    its latest official response. One query per column."""
    ideas = idea_list_for(viewer, space=space).annotate(latest_response=_latest_response())
    if category:
        ideas = ideas.filter(category__slug=category)
    ordering = {Idea.Status.SHIPPED: ("-shipped_at", "-pk")}
    return {
        status: list(
            ideas.filter(status=status).order_by(*ordering.get(status, ("-vote_count", "-pk")))[:ROADMAP_COLUMN_LIMIT]
        )
        for status in ROADMAP_STATUSES
    }


@dataclass(frozen=True)
class StatusName:
    """How the public site names a status: `status` is the slug, the rest is for people."""

    status: str
    label: str
    description: str


def status_names() -> dict[str, StatusName]:
    """Each status as editors named it in the back office (`StatusLabel`), or by its built-in name."""
    edited = {row.status: row for row in StatusLabel.objects.all()}
    return {
        status: StatusName(status, edited[status].label, edited[status].description)
        if status in edited
        else StatusName(status, str(label), "")
        for status, label in Idea.Status.choices
    }


def roadmap_categories_for(viewer: User, *, space: Space | None = None) -> list[tuple[str, str]]:
    """(slug, name) of the categories the roadmap can be filtered by, one per slug."""
    categories = Category.objects.filter(space__in=access.visible_spaces(viewer))
    if space is not None:
        categories = categories.filter(space=space)
    return list(dict(categories.order_by("name", "slug").values_list("slug", "name")).items())


def ideas_among_for(viewer: User, pks) -> QuerySet[Idea]:
    """Of the ideas `pks` (a list or a subquery of ids), those the viewer may see."""
    return idea_list_for(viewer).filter(pk__in=pks)
