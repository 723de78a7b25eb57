"""Votes: one per person and idea, with how much it matters, counted exactly."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community.models import Membership, Profile, Space
from ideas.models import Follow, Idea, Vote, trending_score
from ideas.services import cast_vote, retract_vote
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

NICE, IMPORTANT, BLOCKER = Vote.Importance.NICE_TO_HAVE, Vote.Importance.IMPORTANT, Vote.Importance.BLOCKER


@pytest.fixture
def idea():
    return IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PUBLIC))


@pytest.fixture
def private_idea():
    return IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PRIVATE))


def counts(idea: Idea) -> tuple[int, int, int, int]:
    idea.refresh_from_db()
    return idea.vote_count, idea.votes_nice_to_have, idea.votes_important, idea.votes_blocker


def nothing_written(idea: Idea, action) -> Exception:
    before = (counts(idea), Vote.objects.count(), Follow.objects.count())
    with pytest.raises((PermissionDenied, ValidationError)) as refused:
        action()
    assert (counts(idea), Vote.objects.count(), Follow.objects.count()) == before
    return refused.value


def test_a_vote_is_counted_and_the_voter_follows(member, idea):
    vote = cast_vote(member, idea)

    assert counts(idea) == (1, 0, 0, 0)
    assert (vote.user, vote.cast_by, vote.is_proxy) == (member, member, False)
    assert Follow.objects.filter(idea=idea, user=member).exists()


def test_a_second_vote_by_the_same_member_counts_once(member, idea):
    first = cast_vote(member, idea)
    second = cast_vote(member, idea)

    assert first.pk == second.pk
    assert counts(idea) == (1, 0, 0, 0)
    assert Vote.objects.filter(idea=idea).count() == 1


def test_importance_is_counted_in_the_breakdown(member, idea):
    cast_vote(member, idea, importance=BLOCKER)
    cast_vote(UserFactory(), idea, importance=IMPORTANT)
    cast_vote(UserFactory(), idea)

    assert counts(idea) == (3, 0, 1, 1)


def test_changing_importance_moves_the_breakdown_and_keeps_the_count(member, idea):
    cast_vote(member, idea, importance=NICE)
    cast_vote(member, idea, importance=BLOCKER)

    assert counts(idea) == (1, 0, 0, 1)
    assert Vote.objects.get(idea=idea, user=member).importance == BLOCKER


def test_saying_how_much_it_matters_after_a_plain_vote_adds_it_to_the_breakdown(member, idea):
    cast_vote(member, idea)
    cast_vote(member, idea, importance=IMPORTANT)
    cast_vote(member, idea)

    assert counts(idea) == (1, 0, 1, 0)


def test_an_unknown_importance_is_refused(member, idea):
    error = nothing_written(idea, lambda: cast_vote(member, idea, importance="urgent!!"))

    assert "importance" in error.message_dict


def test_retracting_takes_the_vote_and_its_importance_back(member, idea):
    cast_vote(member, idea, importance=BLOCKER)

    assert retract_vote(member, idea) is True

    assert counts(idea) == (0, 0, 0, 0)
    assert not Vote.objects.filter(idea=idea).exists()


def test_retracting_twice_or_without_a_vote_is_harmless(member, idea):
    cast_vote(UserFactory(), idea, importance=NICE)
    cast_vote(member, idea)

    assert retract_vote(member, idea) is True
    assert retract_vote(member, idea) is False
    assert retract_vote(UserFactory(), idea) is False

    assert counts(idea) == (1, 1, 0, 0)


def test_the_voters_segment_at_the_time_is_recorded(idea):
    partner = UserFactory(profile__segment=Profile.Segment.PARTNER)

    vote = cast_vote(partner, idea)
    Profile.objects.filter(user=partner).update(segment=Profile.Segment.EMPLOYEE)

    vote.refresh_from_db()
    assert vote.segment == Profile.Segment.PARTNER


def test_an_account_without_a_profile_votes_as_a_customer(idea):
    voter = UserFactory(profile=None)

    assert cast_vote(voter, idea).segment == Profile.Segment.CUSTOMER


def test_a_moderator_may_record_a_customers_vote_on_their_behalf(idea):
    moderator = MembershipFactory(space=idea.space, role=Membership.Role.MODERATOR).user
    customer = UserFactory(profile__segment=Profile.Segment.PARTNER)

    vote = cast_vote(moderator, idea, importance=IMPORTANT, on_behalf_of=customer)

    assert (vote.user, vote.cast_by, vote.is_proxy, vote.segment) == (customer, moderator, True, "partner")
    assert counts(idea) == (1, 0, 1, 0)
    assert not Vote.objects.filter(idea=idea, user=moderator).exists()


def test_staff_may_record_a_proxy_vote(idea):
    staff = UserFactory(is_staff=True)
    customer = UserFactory()

    assert cast_vote(staff, idea, on_behalf_of=customer).is_proxy


def test_a_member_may_not_vote_on_someone_elses_behalf(member, idea):
    nothing_written(idea, lambda: cast_vote(member, idea, on_behalf_of=UserFactory()))


def test_a_moderator_of_another_space_may_not_vote_on_someone_elses_behalf(idea):
    moderator = MembershipFactory(role=Membership.Role.MODERATOR).user

    nothing_written(idea, lambda: cast_vote(moderator, idea, on_behalf_of=UserFactory()))


def test_a_proxy_vote_counts_once_with_the_customers_own(idea):
    moderator = MembershipFactory(space=idea.space, role=Membership.Role.MODERATOR).user
    customer = UserFactory()
    cast_vote(customer, idea)

    cast_vote(moderator, idea, on_behalf_of=customer)

    assert counts(idea) == (1, 0, 0, 0)


def test_a_duplicate_idea_refuses_votes(member):
    duplicate = IdeaFactory(status=Idea.Status.DUPLICATE)

    nothing_written(duplicate, lambda: cast_vote(member, duplicate))


def test_an_outsider_cannot_vote_in_a_private_space(member, private_idea):
    nothing_written(private_idea, lambda: cast_vote(member, private_idea))


def test_a_member_votes_in_their_private_space(member, private_idea):
    MembershipFactory(user=member, space=private_idea.space)

    cast_vote(member, private_idea)

    assert counts(private_idea) == (1, 0, 0, 0)


def test_a_moderator_cannot_vote_for_an_outsider_in_a_private_space(private_idea):
    moderator = MembershipFactory(space=private_idea.space, role=Membership.Role.MODERATOR).user

    nothing_written(private_idea, lambda: cast_vote(moderator, private_idea, on_behalf_of=UserFactory()))


def test_an_unverified_address_cannot_vote(idea):
    unverified = UserFactory(email_verified=False)

    nothing_written(idea, lambda: cast_vote(unverified, idea))


def test_an_inactive_account_cannot_vote(idea):
    nothing_written(idea, lambda: cast_vote(UserFactory(is_active=False), idea))


def test_a_hidden_idea_takes_no_votes_from_members(member):
    hidden = IdeaFactory(hidden=True)

    nothing_written(hidden, lambda: cast_vote(member, hidden))


def trending(idea: Idea) -> float:
    idea.refresh_from_db()
    return idea.trending_score


def test_trending_rises_with_votes_and_falls_when_they_are_taken_back(idea):
    voters = UserFactory.create_batch(3)
    cast_vote(voters[0], idea)
    one_vote = trending(idea)

    cast_vote(voters[1], idea)
    cast_vote(voters[2], idea)
    three_votes = trending(idea)
    retract_vote(voters[2], idea)

    assert three_votes > trending(idea) > one_vote
    assert trending(idea) == pytest.approx(trending_score(2, idea.created_at))


def test_a_newer_idea_with_the_same_votes_trends_higher():
    older, newer = IdeaFactory.create_batch(2)
    Idea.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    for idea in (older, newer):
        for voter in UserFactory.create_batch(2):
            cast_vote(voter, idea)

    assert trending(newer) > trending(older)


def test_enough_votes_keep_an_older_idea_above_a_newer_one():
    older, newer = IdeaFactory.create_batch(2)
    Idea.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(hours=10))
    for voter in UserFactory.create_batch(20):
        cast_vote(voter, older)
    cast_vote(UserFactory(), newer)

    assert trending(older) > trending(newer)


def test_votes_are_counted_by_the_voters_segment_and_retracting_uncounts(idea):
    partner, employee, customer = UserFactory(), UserFactory(), UserFactory()
    for person, segment in ((partner, Profile.Segment.PARTNER), (employee, Profile.Segment.EMPLOYEE)):
        person.profile.segment = segment
        person.profile.save()
    for voter in (partner, employee, customer):
        cast_vote(voter, idea)
    retract_vote(customer, idea)

    idea.refresh_from_db()
    assert (idea.vote_count, idea.votes_customer, idea.votes_partner, idea.votes_employee) == (2, 0, 1, 1)


def test_a_proxy_vote_needs_no_verified_address_but_an_active_account(idea):
    moderator = MembershipFactory(space=idea.space, role=Membership.Role.MODERATOR).user
    heard_by_support = UserFactory(email_verified=False)
    gone = UserFactory(is_active=False)

    assert cast_vote(moderator, idea, on_behalf_of=heard_by_support).is_proxy
    nothing_written(idea, lambda: cast_vote(moderator, idea, on_behalf_of=gone))


def test_a_vote_and_its_retraction_mark_the_idea_updated_for_incremental_pulls(idea):
    long_ago = timezone.now() - timedelta(days=3)
    Idea.objects.filter(pk=idea.pk).update(updated_at=long_ago)
    voter = UserFactory()

    cast_vote(voter, idea)
    after_vote = Idea.objects.get(pk=idea.pk).updated_at
    Idea.objects.filter(pk=idea.pk).update(updated_at=long_ago)
    retract_vote(voter, idea)

    assert after_vote > long_ago
    assert Idea.objects.get(pk=idea.pk).updated_at > long_ago
