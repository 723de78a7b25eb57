"""A legal hold on an idea: staff place and release it; while it lasts, only staff may delete the idea.
Deleting an idea: its space's moderators and staff, or its author before anyone else takes part."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from community.models import Membership, ModerationAction, Notification
from ideas.models import Comment, Idea, Vote
from ideas.services import change_status
from ideas.services.legal import delete_idea, place_legal_hold, release_legal_hold
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, VoteFactory
from tests.ideas.pages import portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db

Action = ModerationAction.Action


def held(portal, idea=None):
    idea = idea or portal.public_idea
    place_legal_hold(portal.staff, idea, reason="A patent claim is being looked into.")
    return idea


# --- Placing and releasing ----------------------------------------------------------------


def test_staff_place_and_release_a_hold_and_both_are_logged(portal):
    idea = held(portal)
    assert Idea.objects.get(pk=idea.pk).legal_hold

    release_legal_hold(portal.staff, idea, reason="The claim was withdrawn.")

    assert not Idea.objects.get(pk=idea.pk).legal_hold
    entries = ModerationAction.objects.order_by("pk")
    assert [(e.action, e.actor, e.reason) for e in entries] == [
        (Action.LEGAL_HOLD, portal.staff, "A patent claim is being looked into."),
        (Action.RELEASE_HOLD, portal.staff, "The claim was withdrawn."),
    ]
    assert (entries[0].before, entries[0].after) == ({"legal_hold": False}, {"legal_hold": True})


@pytest.mark.parametrize("viewer", ["moderator", "member"])
def test_only_staff_may_place_or_release_a_hold(portal, viewer):
    with pytest.raises(PermissionDenied):
        place_legal_hold(getattr(portal, viewer), portal.public_idea, reason="Because.")
    idea = held(portal)
    with pytest.raises(PermissionDenied):
        release_legal_hold(getattr(portal, viewer), idea, reason="Because.")

    assert Idea.objects.get(pk=idea.pk).legal_hold
    assert ModerationAction.objects.filter(action=Action.REFUSED).count() == 2


def test_a_hold_needs_a_reason_and_is_placed_once(portal):
    with pytest.raises(ValidationError):
        place_legal_hold(portal.staff, portal.public_idea, reason=" ")
    idea = held(portal)
    with pytest.raises(ValidationError):
        place_legal_hold(portal.staff, idea, reason="Again.")
    assert ModerationAction.objects.filter(action=Action.LEGAL_HOLD).count() == 1


def test_the_hold_badge_and_buttons_show_to_whom_they_concern(client, portal):
    idea = held(portal)
    url = idea.get_absolute_url()

    staff_page = signed_in(client, portal.staff).get(url).content.decode()
    assert "Legal hold" in staff_page
    assert "Release the legal hold" in staff_page
    moderator_page = signed_in(client, portal.moderator).get(url).content.decode()
    assert "Legal hold" in moderator_page
    assert "Release the legal hold" not in moderator_page
    assert "Legal hold" not in signed_in(client, portal.outsider).get(url).content.decode()


def test_staff_place_a_hold_from_the_idea_page(client, portal):
    response = signed_in(client, portal.staff).post(
        reverse("ideas:legal_hold", args=[portal.public_idea.pk]), {"action": "place", "reason": "Claim."}
    )

    assert response.status_code == 302
    assert Idea.objects.get(pk=portal.public_idea.pk).legal_hold


def test_a_moderator_posting_a_hold_is_refused(client, portal):
    response = signed_in(client, portal.moderator).post(
        reverse("ideas:legal_hold", args=[portal.public_idea.pk]), {"action": "place", "reason": "Claim."}
    )

    assert response.status_code == 403
    assert not Idea.objects.get(pk=portal.public_idea.pk).legal_hold


# --- Deleting --------------------------------------------------------------------------------


def test_a_moderator_deletes_an_idea_with_its_votes_and_comments_and_the_log_keeps_the_title(portal):
    idea = portal.public_idea
    VoteFactory(idea=idea)
    CommentFactory(idea=idea)

    delete_idea(portal.moderator, idea, reason="Spam.")

    assert not Idea.objects.filter(pk=idea.pk).exists()
    assert not Vote.objects.filter(idea_id=idea.pk).exists()
    assert not Comment.objects.filter(idea_id=idea.pk).exists()
    entry = ModerationAction.objects.get(action=Action.DELETE)
    assert (entry.actor, entry.target_id, entry.target_label, entry.reason) == (
        portal.moderator,
        idea.pk,
        "Export reports to spreadsheets",
        "Spam.",
    )


def test_notifications_about_a_deleted_idea_go_with_it(portal, django_capture_on_commit_callbacks):
    idea = portal.public_idea
    follower = UserFactory()
    VoteFactory(idea=idea, user=follower)
    idea.follows.create(user=follower)
    change_status(portal.moderator, idea, "planned", "Soon.")
    assert Notification.objects.filter(recipient=follower).exists()

    delete_idea(portal.moderator, idea)

    assert not Notification.objects.filter(recipient=follower).exists()


def test_the_author_deletes_their_idea_until_someone_else_takes_part(portal):
    author = UserFactory()
    alone = IdeaFactory(space=portal.public, author=author)
    VoteFactory(idea=alone, user=author)
    joined = IdeaFactory(space=portal.public, author=author)
    CommentFactory(idea=joined)

    delete_idea(author, alone)
    with pytest.raises(PermissionDenied):
        delete_idea(author, joined)

    assert not Idea.objects.filter(pk=alone.pk).exists()
    assert Idea.objects.filter(pk=joined.pk).exists()


def test_another_space_s_moderator_cannot_delete(portal):
    elsewhere = UserFactory()
    MembershipFactory(user=elsewhere, space=SpaceFactory(), role=Membership.Role.MODERATOR)

    with pytest.raises(PermissionDenied):
        delete_idea(elsewhere, portal.public_idea)

    assert Idea.objects.filter(pk=portal.public_idea.pk).exists()
    refused = ModerationAction.objects.get()
    assert (refused.action, refused.after) == (Action.REFUSED, {"tried": "delete"})


@pytest.mark.parametrize("who", ["moderator", "author"])
def test_under_a_hold_only_staff_may_delete(portal, who):
    author = UserFactory()
    idea = held(portal, IdeaFactory(space=portal.public, author=author))
    actor = author if who == "author" else portal.moderator

    with pytest.raises(PermissionDenied, match="legal hold"):
        delete_idea(actor, idea)
    assert Idea.objects.filter(pk=idea.pk).exists()

    delete_idea(portal.staff, idea, reason="Court order.")
    assert not Idea.objects.filter(pk=idea.pk).exists()


def test_deleting_from_the_page_asks_first(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.moderator)
    assert "Delete this idea" in client.get(idea.get_absolute_url()).content.decode()

    confirm = client.get(reverse("ideas:delete", args=[idea.pk]))
    assert confirm.status_code == 200
    assert "Yes, delete it" in confirm.content.decode()
    assert Idea.objects.filter(pk=idea.pk).exists()

    response = client.post(reverse("ideas:delete", args=[idea.pk]), {"reason": "Off-topic."})
    assert response.status_code == 302
    assert response["Location"] == reverse("ideas:space", args=["product"])
    assert not Idea.objects.filter(pk=idea.pk).exists()


def test_those_who_may_not_delete_get_no_button_and_a_refusal(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.outsider)

    assert "Delete this idea" not in client.get(idea.get_absolute_url()).content.decode()
    assert client.post(reverse("ideas:delete", args=[idea.pk])).status_code == 403
    assert Idea.objects.filter(pk=idea.pk).exists()
