"""Webhooks by owners: an event about a secret idea is recorded only for owners who may see it.

Only staff manage webhooks, and staff see everything; an owner who is no longer staff (or
no longer active) keeps their webhooks, which must then hear only what that person may see.
No receiver is needed: a delivery is a WebhookDelivery row, written with the event.
"""

import json

import pytest

from api.models import Webhook, WebhookDelivery
from community.models import Membership
from ideas.models import Idea
from ideas.services import add_comment, cast_vote, change_status, link_tracker
from tests.access.conftest import leaked
from tests.community.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

OWNERS = ["staff", "former_staff", "former_staff_member", "deactivated_staff"]


def owner_of(kind: str, world):
    """Someone who made a webhook as staff, and what became of them."""
    owner = UserFactory(username=f"hook-{kind}", is_staff=True)
    if kind == "former_staff_member":
        MembershipFactory(user=owner, space=world.space, role=Membership.Role.MEMBER)
    owner.is_staff = kind in {"staff", "deactivated_staff"}
    owner.is_active = kind != "deactivated_staff"
    owner.save(update_fields=["is_staff", "is_active"])
    return owner


def may_see(kind: str, world) -> bool:
    if kind == "staff":
        return True
    return kind == "former_staff_member" and not world.secret.in_public_space


EVENTS = {
    "comment.created": lambda world, idea: add_comment(world.changer, idea, "Noted."),
    "idea.status_changed": lambda world, idea: change_status(world.changer, idea, Idea.Status.IN_PROGRESS, "Started."),
    "idea.updated": lambda world, idea: link_tracker(
        world.changer, idea, tracker="jira", key=f"UX-{idea.pk}", url=f"https://jira.example.com/UX-{idea.pk}"
    ),
    "idea.votes_reached": lambda world, idea: cast_vote(world.changer, idea),
}


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("event", list(EVENTS))
def test_a_webhook_hears_of_a_secret_idea_only_if_its_owner_may_see_it(db, world, owner, event):
    webhook = Webhook.objects.create(
        owner=owner_of(owner, world), url="https://hooks.example.com/in", events=[event], secret="s", votes_threshold=1
    )

    EVENTS[event](world, world.idea)
    EVENTS[event](world, world.public_idea)

    deliveries = WebhookDelivery.objects.filter(webhook=webhook, event=event)
    heard = set(deliveries.values_list("idea_id", flat=True))
    payloads = json.dumps([delivery.payload for delivery in deliveries])
    if may_see(owner, world):
        assert heard == {world.idea.pk, world.public_idea.pk}
        assert world.secret.title in payloads
    else:
        # A deactivated owner's webhooks hear nothing at all; the others still hear public ideas.
        assert heard == (set() if owner == "deactivated_staff" else {world.public_idea.pk})
        assert leaked(world, payloads) == {}
