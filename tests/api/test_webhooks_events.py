"""What webhooks hear: each event, recorded with the change, only for owners who may see the idea."""

import pytest
from django_tasks_db.models import DBTaskResult

from api import services
from api.models import Webhook, WebhookDelivery
from api.webhook_delivery import deliver_webhook
from community.models import Membership, Space
from ideas.services import add_comment, cast_vote, change_status, link_tracker, retract_vote, submit_idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

URL = "https://hooks.example.com/groundswell"
Event = Webhook.Event


@pytest.fixture(autouse=True)
def _no_dns(settings):
    """These tests never send: no address needs resolving."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def staff_webhook(staff, *events, **options):
    return services.create_webhook(staff, url=URL, events=list(events), **options)


def member_webhook(owner, *events):
    """A webhook of someone who is not (or no longer) staff: it hears only what they may see."""
    return Webhook.objects.create(owner=owner, url=URL, events=list(events), secret="x")


def heard(webhook) -> list[tuple[str, int]]:
    return [(delivery.event, delivery.idea_id) for delivery in webhook.deliveries.order_by("pk")]


def test_the_links_in_a_payload_start_with_the_site_url(staff, settings):
    settings.SITE_URL = "https://ideas.example.com"
    webhook = staff_webhook(staff, Event.IDEA_CREATED)

    idea = submit_idea(UserFactory(), SpaceFactory(), "Dark mode", "Easier on the eyes.")

    payload = webhook.deliveries.get().payload
    assert payload["data"]["idea"]["url"] == f"https://ideas.example.com{idea.get_absolute_url()}"


def test_each_event_is_recorded_with_its_payload_and_a_queued_task(staff):
    space = SpaceFactory()
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).user
    webhook = staff_webhook(staff, *Webhook.Event.values, votes_threshold=100)

    idea = submit_idea(UserFactory(), space, "Dark mode", "Easier on the eyes.")
    comment = add_comment(UserFactory(), idea, "Yes please")
    change = change_status(moderator, idea, "planned", "Next quarter.")
    link_tracker(moderator, idea, tracker="jira", key="UX-1", url="https://jira.example.com/UX-1")

    assert heard(webhook) == [
        ("idea.created", idea.pk),
        ("comment.created", idea.pk),
        ("idea.status_changed", idea.pk),
        ("idea.updated", idea.pk),
    ]
    by_event = {delivery.event: delivery for delivery in webhook.deliveries.all()}
    created = by_event["idea.created"].payload
    assert created["event"] == "idea.created"
    assert created["delivery"] == str(by_event["idea.created"].delivery_id)
    assert created["data"]["idea"]["title"] == "Dark mode"
    assert created["data"]["idea"]["vote_count"] == 1
    assert by_event["comment.created"].payload["data"]["comment"]["id"] == comment.pk
    assert by_event["comment.created"].payload["data"]["idea"]["comment_count"] == 1
    status_change = by_event["idea.status_changed"].payload["data"]["status_change"]
    assert (status_change["id"], status_change["to_status"], status_change["message"]) == (
        change.pk,
        "planned",
        "Next quarter.",
    )
    assert by_event["idea.updated"].payload["data"]["idea"]["tracker_links"][0]["key"] == "UX-1"
    queued = DBTaskResult.objects.filter(task_path=deliver_webhook.module_path)
    assert sorted(task.args_kwargs["args"][0] for task in queued) == sorted(
        webhook.deliveries.values_list("pk", flat=True)
    )


def test_a_webhook_hears_only_the_events_it_chose_and_not_when_turned_off(staff):
    space = SpaceFactory()
    comments = staff_webhook(staff, Event.COMMENT_CREATED)
    off = staff_webhook(staff, Event.IDEA_CREATED, active=False)

    idea = submit_idea(UserFactory(), space, "Dark mode", "")
    add_comment(UserFactory(), idea, "Yes please")

    assert heard(comments) == [("comment.created", idea.pk)]
    assert heard(off) == []


def test_a_private_space_is_heard_only_by_owners_who_may_see_it(staff):
    lounge = SpaceFactory(visibility=Space.Visibility.PRIVATE)
    public = SpaceFactory()
    partner = MembershipFactory(space=lounge).user
    outsider = UserFactory()
    outsiders = member_webhook(outsider, Event.IDEA_CREATED)
    partners = member_webhook(partner, Event.IDEA_CREATED)
    staffs = staff_webhook(staff, Event.IDEA_CREATED)

    secret = submit_idea(partner, lounge, "Partner pricing", "")
    open_idea = submit_idea(partner, public, "Public roadmap", "")

    assert heard(outsiders) == [("idea.created", open_idea.pk)]
    assert heard(partners) == [("idea.created", secret.pk), ("idea.created", open_idea.pk)]
    assert heard(staffs) == [("idea.created", secret.pk), ("idea.created", open_idea.pk)]
    # E-mail addresses are for staff, in a payload as in the API.
    assert "email" not in partners.deliveries.first().payload["data"]["idea"]["author"]
    assert staffs.deliveries.first().payload["data"]["idea"]["author"]["email"] == partner.email


def test_a_hidden_idea_is_heard_only_by_those_who_may_still_see_it(staff):
    space = SpaceFactory()
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).user
    members = member_webhook(MembershipFactory(space=space).user, Event.IDEA_STATUS_CHANGED)
    moderators = member_webhook(moderator, Event.IDEA_STATUS_CHANGED)
    staffs = staff_webhook(staff, Event.IDEA_STATUS_CHANGED)
    idea = IdeaFactory(space=space, hidden=True)

    change_status(moderator, idea, "declined", "Spam.")

    assert heard(members) == []
    assert heard(moderators) == [("idea.status_changed", idea.pk)]
    assert heard(staffs) == [("idea.status_changed", idea.pk)]


def test_votes_reached_fires_once_when_the_threshold_is_reached(staff):
    space = SpaceFactory()
    three = staff_webhook(staff, Event.IDEA_VOTES_REACHED, votes_threshold=3)
    five = staff_webhook(staff, Event.IDEA_VOTES_REACHED, votes_threshold=5)
    idea = submit_idea(UserFactory(), space, "Dark mode", "")  # its author's vote: 1
    second, third, fourth = UserFactory(), UserFactory(), UserFactory()

    cast_vote(second, idea)
    assert heard(three) == []
    cast_vote(third, idea)
    assert heard(three) == [("idea.votes_reached", idea.pk)]
    assert three.deliveries.get().payload["data"]["idea"]["vote_count"] == 3

    cast_vote(fourth, idea)
    retract_vote(fourth, idea)
    retract_vote(third, idea)
    cast_vote(third, idea)  # back to three
    cast_vote(third, idea, importance="blocker")  # voting again only changes the importance

    assert heard(three) == [("idea.votes_reached", idea.pk)]
    assert heard(five) == []
    assert WebhookDelivery.objects.count() == 1
