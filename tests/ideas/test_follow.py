"""Following an idea: automatic for authors, voters and commenters; anyone who may take
part may follow or unfollow by hand."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from community.models import Space
from ideas.models import Follow
from ideas.services import add_comment, cast_vote, follow_idea, submit_idea, unfollow_idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea():
    return IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PUBLIC))


def follows(user, idea) -> bool:
    return Follow.objects.filter(idea=idea, user=user).exists()


def test_authors_voters_and_commenters_follow_automatically(idea):
    author, voter, commenter = UserFactory.create_batch(3)

    own = submit_idea(author, idea.space, "Export reports to CSV", "A button.")
    cast_vote(voter, idea)
    add_comment(commenter, idea, "Yes please")

    assert follows(author, own)
    assert follows(voter, idea)
    assert follows(commenter, idea)


def test_following_twice_keeps_one_follow(member, idea):
    follow_idea(member, idea)
    follow_idea(member, idea)

    assert Follow.objects.filter(idea=idea, user=member).count() == 1


def test_unfollowing_stops_following_and_voting_again_does_not_undo_it(member, idea):
    cast_vote(member, idea)

    unfollow_idea(member, idea)
    cast_vote(member, idea)

    assert not follows(member, idea)


def test_unfollowing_what_one_does_not_follow_is_harmless(member, idea):
    unfollow_idea(member, idea)

    assert not follows(member, idea)


def test_an_outsider_cannot_follow_a_private_idea(member):
    private = IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PRIVATE))

    with pytest.raises(PermissionDenied):
        follow_idea(member, private)

    assert not follows(member, private)


def test_a_member_follows_a_private_idea(member):
    private = IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PRIVATE))
    MembershipFactory(user=member, space=private.space)

    follow_idea(member, private)

    assert follows(member, private)


@pytest.mark.parametrize("who", ["anonymous", "unverified", "inactive"])
def test_only_people_who_may_take_part_follow(idea, who):
    user = {
        "anonymous": AnonymousUser(),
        "unverified": UserFactory(email_verified=False),
        "inactive": UserFactory(is_active=False),
    }[who]

    with pytest.raises(PermissionDenied):
        follow_idea(user, idea)

    assert not Follow.objects.exists()
