"""idea.merged: sent when a moderator merges a duplicate, about the source and where it went."""

import pytest

from api import services
from api.models import Webhook
from community.models import Membership, Space
from ideas.services import merge_ideas, unmerge_ideas
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory, VoteFactory

pytestmark = pytest.mark.django_db

URL = "https://hooks.example.com/groundswell"


@pytest.fixture(autouse=True)
def _no_dns(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def heard(webhook) -> list[tuple[str, int]]:
    return [(delivery.event, delivery.idea_id) for delivery in webhook.deliveries.order_by("pk")]


def test_merging_sends_idea_merged_with_the_source_and_its_target(staff):
    space = SpaceFactory()
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).user
    webhook = services.create_webhook(staff, url=URL, events=[Webhook.Event.IDEA_MERGED])
    source, target = IdeaFactory(space=space), IdeaFactory(space=space)
    VoteFactory(idea=source)

    merge_ideas(moderator, source, target)

    assert heard(webhook) == [("idea.merged", source.pk)]
    payload = webhook.deliveries.get().payload
    assert payload["event"] == "idea.merged"
    assert (payload["data"]["idea"]["status"], payload["data"]["idea"]["merged_into"]) == ("duplicate", target.pk)


def test_unmerging_is_heard_as_an_update_of_the_source(staff):
    space = SpaceFactory()
    webhook = services.create_webhook(staff, url=URL, events=[Webhook.Event.IDEA_MERGED, Webhook.Event.IDEA_UPDATED])
    source, target = IdeaFactory(space=space), IdeaFactory(space=space)
    merge_ideas(staff, source, target)

    unmerge_ideas(staff, source)

    assert heard(webhook) == [("idea.merged", source.pk), ("idea.updated", source.pk)]
    assert webhook.deliveries.order_by("pk").last().payload["data"]["idea"]["merged_into"] is None


def test_a_merge_in_a_private_space_is_heard_only_by_owners_who_may_see_it(staff):
    lounge = SpaceFactory(visibility=Space.Visibility.PRIVATE)
    outsider_hook = Webhook.objects.create(owner=UserFactory(), url=URL, events=["idea.merged"], secret="x")
    staff_hook = services.create_webhook(staff, url=URL, events=[Webhook.Event.IDEA_MERGED])
    source, target = IdeaFactory(space=lounge), IdeaFactory(space=lounge)

    merge_ideas(staff, source, target)

    assert heard(outsider_hook) == []
    assert heard(staff_hook) == [("idea.merged", source.pk)]
