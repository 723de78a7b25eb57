"""Shipping the ideas a release note names: exactly those, once, and their voters hear of it once."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from community.models import Membership, ModerationAction, Notification, Space
from ideas.models import Idea, StatusChange
from ideas.services import change_status, follow_idea, merge_ideas, ship_ideas
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(visibility=Space.Visibility.PRIVATE)


@pytest.fixture
def editor():
    return UserFactory(is_staff=True)


def voter_of(idea: Idea):
    voter = MembershipFactory(space=idea.space).user
    VoteFactory(idea=idea, user=voter)
    return voter


def recipients(kind=Notification.Kind.STATUS_CHANGE) -> list:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_shipping_marks_exactly_the_linked_ideas_shipped_and_records_when(space, editor):
    linked = IdeaFactory.create_batch(2, space=space)
    other = IdeaFactory(space=space)

    shipped = ship_ideas(editor, linked, message="Exports are here.", url="https://example.com/changelog/exports/")

    assert {idea.pk for idea in shipped} == {idea.pk for idea in linked}
    assert set(Idea.objects.filter(status=Idea.Status.SHIPPED).values_list("pk", flat=True)) == {i.pk for i in linked}
    assert Idea.objects.get(pk=other.pk).status == Idea.Status.NEW
    for idea in linked:
        idea.refresh_from_db()
        change = StatusChange.objects.get(idea=idea)
        assert idea.shipped_at == change.created_at
        assert (change.to_status, change.actor) == (Idea.Status.SHIPPED, editor)
        assert change.message == "You asked, we shipped: Exports are here. https://example.com/changelog/exports/"
    assert ModerationAction.objects.filter(action=ModerationAction.Action.STATUS_CHANGE, actor=editor).count() == 2


def test_already_shipped_and_merged_ideas_are_skipped(space, editor):
    done, fresh = IdeaFactory.create_batch(2, space=space)
    change_status(editor, done, Idea.Status.SHIPPED, "Earlier.")
    first_shipped_at = Idea.objects.get(pk=done.pk).shipped_at
    source, target = IdeaFactory.create_batch(2, space=space)
    merge_ideas(editor, source, target)

    shipped = ship_ideas(editor, [done, fresh, source], message="Release 2.0")

    assert [idea.pk for idea in shipped] == [fresh.pk]
    assert Idea.objects.get(pk=done.pk).shipped_at == first_shipped_at
    assert StatusChange.objects.filter(idea=done).count() == 1
    assert not StatusChange.objects.filter(idea=source, to_status=Idea.Status.SHIPPED).exists()


def test_voters_and_followers_who_can_see_the_idea_hear_once(space, editor):
    idea = IdeaFactory(space=space, author=MembershipFactory(space=space).user)
    voter, voter_who_follows = voter_of(idea), voter_of(idea)
    follow_idea(voter_who_follows, idea)
    follower = MembershipFactory(space=space, user=UserFactory(username="follower")).user
    follow_idea(follower, idea)
    left = voter_of(idea)
    Membership.objects.filter(user=left, space=space).delete()
    bystander = MembershipFactory(space=space).user
    VoteFactory(user=bystander)  # a vote for some other idea

    ship_ideas(editor, [idea], message="Done.")

    assert recipients() == sorted([voter.username, voter_who_follows.username, follower.username])
    assert "You asked, we shipped: Done." in Notification.objects.filter(recipient=voter).get().message


def test_a_plain_status_change_still_tells_only_followers(space, editor):
    idea = IdeaFactory(space=space)
    voter_of(idea)

    change_status(editor, idea, Idea.Status.SHIPPED)

    assert recipients() == []


def test_someone_who_does_not_moderate_every_space_ships_nothing_and_is_logged(space):
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).user
    MembershipFactory(space=(public := SpaceFactory()), user=moderator)
    ours, theirs = IdeaFactory(space=space), IdeaFactory(space=public)

    with pytest.raises(PermissionDenied):
        ship_ideas(moderator, [ours, theirs], message="Release")

    assert not Idea.objects.filter(status=Idea.Status.SHIPPED).exists()
    refusal = ModerationAction.objects.get(action=ModerationAction.Action.REFUSED)
    assert (refusal.actor, refusal.target_id, refusal.after) == (
        moderator,
        theirs.pk,
        {"tried": ModerationAction.Action.STATUS_CHANGE},
    )


def test_a_moderator_of_the_space_may_ship_its_ideas(space):
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).user
    idea = IdeaFactory(space=space)

    assert ship_ideas(moderator, [idea], message="Out now") == [idea]


def test_shipping_again_clears_the_feedback_request(space, editor):
    idea = IdeaFactory(space=space, status=Idea.Status.UNDER_REVIEW, feedback_requested_at=timezone.now())

    ship_ideas(editor, [idea], message="Fixed properly this time")

    idea.refresh_from_db()
    assert idea.feedback_requested_at is None
