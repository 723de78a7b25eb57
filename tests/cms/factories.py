"""Test data for the site's pages: campaigns, and pages added under the home page and published."""

from datetime import timedelta

import factory
from django.utils import timezone
from wagtail.models import Page

from ideas.models import Campaign
from tests.community.factories import SpaceFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    """An open campaign that started yesterday and closes in two weeks."""

    class Meta:
        model = Campaign

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    question = "How should reports work for your team?"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    stage = Campaign.Stage.OPEN


def publish(parent: Page, page: Page, *, user=None) -> Page:
    """Add `page` under `parent` and publish it the way an editor does (a revision, then publish)."""
    parent.add_child(instance=page)
    page.save_revision(user=user).publish()
    page.refresh_from_db()
    return page
