"""Reads of campaigns for the viewer: a campaign is seen by whoever may see its space.

The list of open campaigns for the public site is `ideas.selectors.site.open_campaigns_for`.
"""

from django.db.models import QuerySet
from django.http import Http404

from community import access
from community.models import User
from ideas.models import Campaign


def campaigns_for(viewer: User) -> QuerySet[Campaign]:
    """Campaigns in spaces `viewer` may see, whatever their stage."""
    return Campaign.objects.filter(space__in=access.visible_spaces(viewer)).select_related("space")


def campaign_for(viewer: User, slug: str) -> Campaign:
    """The campaign `slug`; Http404 when the viewer may not see its space, as when there is none."""
    campaign = campaigns_for(viewer).filter(slug=slug).first()
    if campaign is None:
        raise Http404("No campaign matches the given query.")
    return campaign
