"""Statuses: changed only by the space's moderators and staff, each change kept in the history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.models import Membership, Notification, Space
from ideas.models import Idea, StatusChange
from ideas.selectors import status_history_for
from ideas.services import change_status
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea():
    return IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PRIVATE))


def moderator_of(space: Space, role=Membership.Role.MODERATOR):
    return MembershipFactory(space=space, role=role).user


def refused(exception, actor, idea, status, message=""):
    before = (list(StatusChange.objects.values()), Notification.objects.count())
    with pytest.raises(exception) as raised:
        change_status(actor, idea, status, message)
    idea.refresh_from_db()
    assert (list(StatusChange.objects.values()), Notification.objects.count()) == before
    return raised.value


@pytest.mark.parametrize("role", [Membership.Role.MODERATOR, Membership.Role.OWNER])
def test_a_moderator_moves_the_idea_and_the_message_is_the_official_response(idea, role):
    moderator = moderator_of(idea.space, role)

    change = change_status(moderator, idea, Idea.Status.PLANNED, "  Planned for the spring release.  ")

    idea.refresh_from_db()
    assert idea.status == Idea.Status.PLANNED
    assert (change.from_status, change.to_status, change.message, change.actor) == (
        "new",
        "planned",
        "Planned for the spring release.",
        moderator,
    )


def test_staff_change_statuses_in_any_space(idea):
    change_status(UserFactory(is_staff=True), idea, Idea.Status.UNDER_REVIEW)

    idea.refresh_from_db()
    assert idea.status == Idea.Status.UNDER_REVIEW


def test_a_moderator_of_another_space_is_refused_and_nothing_is_written(idea):
    elsewhere = moderator_of(SpaceFactory())

    refused(PermissionDenied, elsewhere, idea, Idea.Status.SHIPPED, "Done!")

    assert idea.status == Idea.Status.NEW


@pytest.mark.parametrize("who", ["author", "member", "outsider", "inactive staff"])
def test_people_who_do_not_moderate_the_space_are_refused(idea, who):
    actor = {
        "author": idea.author,
        "member": MembershipFactory(space=idea.space).user,
        "outsider": UserFactory(),
        "inactive staff": UserFactory(is_staff=True, is_active=False),
    }[who]

    refused(PermissionDenied, actor, idea, Idea.Status.SHIPPED)

    assert idea.status == Idea.Status.NEW


@pytest.mark.parametrize("status", ["launched", "", "NEW", "planned; DROP TABLE ideas_idea"])
def test_an_unknown_status_is_refused(idea, status):
    error = refused(ValidationError, moderator_of(idea.space), idea, status)

    assert "status" in error.message_dict


def test_the_same_status_without_a_message_is_refused(idea):
    error = refused(ValidationError, moderator_of(idea.space), idea, Idea.Status.NEW)

    assert "status" in error.message_dict


def test_the_same_status_with_a_message_posts_an_update(idea):
    moderator = moderator_of(idea.space)
    change_status(moderator, idea, Idea.Status.IN_PROGRESS)

    update = change_status(moderator, idea, Idea.Status.IN_PROGRESS, "Half-way there.")

    assert (update.from_status, update.to_status, update.message) == ("in_progress", "in_progress", "Half-way there.")


def test_a_message_over_the_limit_is_refused(idea):
    error = refused(ValidationError, moderator_of(idea.space), idea, Idea.Status.PLANNED, "x" * 10_001)

    assert "message" in error.message_dict


def test_the_history_is_kept_in_order(idea):
    moderator = moderator_of(idea.space)
    for status in (Idea.Status.UNDER_REVIEW, Idea.Status.PLANNED, Idea.Status.IN_PROGRESS, Idea.Status.SHIPPED):
        change_status(moderator, idea, status, f"Now {status}.")

    history = [(change.from_status, change.to_status) for change in status_history_for(idea)]

    assert history == [
        ("new", "under_review"),
        ("under_review", "planned"),
        ("planned", "in_progress"),
        ("in_progress", "shipped"),
    ]


def test_the_from_status_is_read_from_the_database_not_a_stale_object(idea):
    moderator = moderator_of(idea.space)
    stale = Idea.objects.get(pk=idea.pk)
    change_status(moderator, idea, Idea.Status.PLANNED)

    change = change_status(moderator, stale, Idea.Status.SHIPPED)

    assert change.from_status == Idea.Status.PLANNED


def test_duplicate_is_refused_because_only_a_merge_says_what_an_idea_duplicates(idea):
    refusal = refused(ValidationError, UserFactory(is_staff=True), idea, Idea.Status.DUPLICATE, "Same as #1.")

    assert refusal.message_dict["status"] == [
        "An idea becomes a duplicate only by merging it into the idea it repeats."
    ]
    assert (idea.status, idea.merged_into) == (Idea.Status.NEW, None)
