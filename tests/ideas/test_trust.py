"""Trust levels earned by taking part: new → member → trusted, and what holds a person back."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from community import access
from community.models import ModerationAction, Profile, Suspension, User
from community.services.audit import record_action
from ideas.models import HiddenReason
from ideas.services import add_comment, submit_idea
from ideas.trust import refresh_trust_level
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory()


def joined_days_ago(user: User, days: int) -> User:
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days))
    user.refresh_from_db()
    return user


def stored_level(user: User) -> str:
    return Profile.objects.get(user=user).trust_level


def contribute(user: User, space, count: int) -> None:
    for _number in range(count):
        CommentFactory(author=user, idea=IdeaFactory(space=space))


def test_a_fresh_account_is_new(member):
    assert refresh_trust_level(member) == Profile.TrustLevel.NEW
    assert access.trust_level(member) == Profile.TrustLevel.NEW


def test_a_day_and_one_contribution_make_a_member(member, space):
    joined_days_ago(member, 2)
    contribute(member, space, 1)

    assert refresh_trust_level(member) == Profile.TrustLevel.MEMBER
    assert stored_level(member) == Profile.TrustLevel.MEMBER
    assert access.trust_level(member) == Profile.TrustLevel.MEMBER


def test_a_day_without_contributing_stays_new(member):
    joined_days_ago(member, 5)

    assert refresh_trust_level(member) == Profile.TrustLevel.NEW


def test_a_month_and_ten_contributions_make_trusted(member, space):
    joined_days_ago(member, 31)
    contribute(member, space, 10)

    assert refresh_trust_level(member) == Profile.TrustLevel.TRUSTED


def test_hidden_and_deleted_contributions_do_not_count(member, space):
    joined_days_ago(member, 31)
    contribute(member, space, 9)
    CommentFactory(author=member, idea=IdeaFactory(space=space), deleted_at=timezone.now())

    assert refresh_trust_level(member) == Profile.TrustLevel.MEMBER


def test_anything_hidden_by_moderators_keeps_a_person_at_member(member, space):
    joined_days_ago(member, 60)
    contribute(member, space, 12)
    IdeaFactory(author=member, space=space, hidden=True, hidden_reason=HiddenReason.MODERATOR)

    assert refresh_trust_level(member) == Profile.TrustLevel.MEMBER


def test_a_post_held_for_approval_is_no_mark_against_its_author(member, space):
    joined_days_ago(member, 60)
    contribute(member, space, 10)
    IdeaFactory(author=member, space=space, hidden=True, hidden_reason=HiddenReason.PENDING)

    assert refresh_trust_level(member) == Profile.TrustLevel.TRUSTED


def test_a_recent_warning_keeps_a_person_at_member(member, space):
    joined_days_ago(member, 60)
    contribute(member, space, 12)
    record_action(None, ModerationAction.Action.WARN, space=space, subject=member, reason="Be kind.")

    assert refresh_trust_level(member) == Profile.TrustLevel.MEMBER


def test_a_person_under_suspension_counts_as_new(member, space):
    joined_days_ago(member, 60)
    contribute(member, space, 12)
    Suspension.objects.create(user=member, space=space, reason="Spam", ends_at=timezone.now() + timedelta(days=3))

    assert refresh_trust_level(member) == Profile.TrustLevel.NEW


def test_moderators_and_staff_are_always_trusted(space):
    moderator = MembershipFactory(space=space, role="moderator").user
    staff = UserFactory(is_staff=True)

    assert access.trust_level(moderator) == Profile.TrustLevel.TRUSTED
    assert access.trust_level(staff) == Profile.TrustLevel.TRUSTED


def test_posting_an_idea_or_a_comment_refreshes_the_level(member, space):
    joined_days_ago(member, 2)

    idea = submit_idea(member, space, "Export reports as CSV", "A button.")
    assert stored_level(member) == Profile.TrustLevel.MEMBER

    contribute(member, space, 9)
    joined_days_ago(member, 40)
    add_comment(member, idea, "And as Excel too.")
    assert stored_level(member) == Profile.TrustLevel.TRUSTED


def test_the_nightly_command_refreshes_everyone(space):
    grown = joined_days_ago(UserFactory(), 3)
    contribute(grown, space, 2)
    fresh = UserFactory()

    call_command("refresh_trust_levels")

    assert stored_level(grown) == Profile.TrustLevel.MEMBER
    assert stored_level(fresh) == Profile.TrustLevel.NEW


def test_a_level_goes_down_when_a_suspension_starts(member, space):
    joined_days_ago(member, 3)
    contribute(member, space, 2)
    call_command("refresh_trust_levels")
    Suspension.objects.create(user=member, reason="Spam", ends_at=timezone.now() + timedelta(days=3))

    call_command("refresh_trust_levels")

    assert stored_level(member) == Profile.TrustLevel.NEW
