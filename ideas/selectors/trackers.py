"""The tracker issues that carry an idea forward."""

from django.db.models import QuerySet
from django.http import Http404

from community.models import User
from ideas.models import (
    Idea,
    TrackerLink,
)
from ideas.selectors.ideas import idea_for


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
