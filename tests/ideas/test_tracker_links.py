"""Tracker links: moderators tie an idea to R&D issues, and the idea follows what the issues say."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.models import Membership, Notification, Space
from ideas.models import Follow, Idea, StatusChange, TrackerLink
from ideas.services import (
    Conflict,
    clean_status_mapping,
    idea_status_from_links,
    link_tracker,
    unlink_tracker,
    update_tracker_link,
)
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

MAPPING = {"Done": "shipped", "In Progress": "in_progress"}


@pytest.fixture
def idea():
    return IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PRIVATE))


@pytest.fixture
def moderator(idea):
    return MembershipFactory(space=idea.space, role=Membership.Role.MODERATOR).user


def link(actor, idea, key="WEB-1", state="", status_mapping=None, tracker="Jira"):
    return link_tracker(
        actor,
        idea,
        tracker=tracker,
        key=key,
        url=f"https://tracker.example.com/{key}",
        state=state,
        status_mapping=status_mapping,
    )


def status_of(idea) -> str:
    idea.refresh_from_db()
    return idea.status


# --- Who may link ---------------------------------------------------------------------


def test_a_moderator_links_an_issue_to_an_idea(idea, moderator):
    made = link(moderator, idea, key="WEB-12", state="To Do")

    assert (made.tracker, made.key, made.url, made.state, made.created_by) == (
        "Jira",
        "WEB-12",
        "https://tracker.example.com/WEB-12",
        "To Do",
        moderator,
    )
    assert list(idea.tracker_links.all()) == [made]


@pytest.mark.parametrize("who", ["member", "moderator elsewhere", "author"])
def test_people_who_do_not_moderate_the_space_may_not_link_update_or_unlink(idea, moderator, who):
    actor = {
        "member": MembershipFactory(space=idea.space).user,
        "moderator elsewhere": MembershipFactory(space=SpaceFactory(), role=Membership.Role.MODERATOR).user,
        "author": idea.author,
    }[who]
    existing = link(moderator, idea, status_mapping=MAPPING)

    with pytest.raises(PermissionDenied):
        link(actor, idea, key="WEB-2")
    with pytest.raises(PermissionDenied):
        update_tracker_link(actor, existing, state="Done")
    with pytest.raises(PermissionDenied):
        unlink_tracker(actor, existing)

    assert list(TrackerLink.objects.values_list("key", "state")) == [("WEB-1", "")]
    assert status_of(idea) == Idea.Status.NEW


def test_staff_link_ideas_of_any_space(idea):
    link(UserFactory(is_staff=True), idea)

    assert idea.tracker_links.count() == 1


# --- What is refused ------------------------------------------------------------------


def test_the_same_issue_twice_is_a_conflict(idea, moderator):
    link(moderator, idea, key="WEB-1")

    with pytest.raises(Conflict):
        link(moderator, idea, key="WEB-1")

    assert idea.tracker_links.count() == 1


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://tracker.example.com/1", "not a url", ""],
)
def test_only_http_and_https_addresses_are_accepted(idea, moderator, url):
    with pytest.raises(ValidationError) as refused:
        link_tracker(moderator, idea, tracker="Jira", key="WEB-1", url=url)

    assert "url" in refused.value.message_dict
    assert not TrackerLink.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("tracker", ""), ("key", "WEB\u202e-1"), ("state", "Done\x00"), ("key", "K" * 101)]
)
def test_empty_invisible_or_overlong_text_is_refused(idea, moderator, field, value):
    given = {"tracker": "Jira", "key": "WEB-1", "state": "", field: value}

    with pytest.raises(ValidationError) as refused:
        link_tracker(moderator, idea, url="https://tracker.example.com/WEB-1", **given)

    assert field in refused.value.message_dict
    assert not TrackerLink.objects.exists()


@pytest.mark.parametrize(
    "mapping", [{"Done": "launched"}, {"Done": "duplicate"}, {"Done": ["shipped"]}, {"Done": None}, ["shipped"]]
)
def test_a_mapping_to_anything_but_a_status_is_refused(mapping):
    with pytest.raises(ValidationError) as refused:
        clean_status_mapping(mapping)

    assert "status_mapping" in refused.value.message_dict


# --- How the idea follows its links ----------------------------------------------------


def test_the_idea_moves_to_the_least_advanced_status_its_links_agree_on(idea, moderator):
    first = link(moderator, idea, key="WEB-1", state="Done", status_mapping=MAPPING)
    assert status_of(idea) == Idea.Status.SHIPPED

    second = link(moderator, idea, key="APP-1", state="In Progress", status_mapping=MAPPING)
    assert status_of(idea) == Idea.Status.IN_PROGRESS

    update_tracker_link(moderator, second, state="Done")
    assert status_of(idea) == Idea.Status.SHIPPED
    assert idea_status_from_links([first, second]) == Idea.Status.SHIPPED


def test_a_state_the_mapping_does_not_know_holds_the_idea(idea, moderator):
    link(moderator, idea, key="WEB-1", state="Done", status_mapping=MAPPING)
    other = link(moderator, idea, key="APP-1", state="In Progress", status_mapping=MAPPING)

    update_tracker_link(moderator, other, state="Blocked")

    assert status_of(idea) == Idea.Status.IN_PROGRESS


def test_links_without_a_mapping_have_no_say(idea, moderator):
    link(moderator, idea, key="WEB-1", state="Won't do")
    assert status_of(idea) == Idea.Status.NEW

    link(moderator, idea, key="APP-1", state="Done", status_mapping=MAPPING)
    assert status_of(idea) == Idea.Status.SHIPPED


def test_a_move_is_kept_in_the_history_with_a_message_and_followers_hear_of_it(idea, moderator):
    follower = MembershipFactory(space=idea.space).user
    Follow.objects.create(idea=idea, user=follower)
    made = link(moderator, idea, key="WEB-7", state="In Progress", status_mapping=MAPPING)

    update_tracker_link(moderator, made, state="Done")

    history = list(StatusChange.objects.values_list("from_status", "to_status", "message", "actor"))
    assert history == [
        ("new", "in_progress", "Jira WEB-7 is now In Progress.", moderator.pk),
        ("in_progress", "shipped", "Jira WEB-7 is now Done.", moderator.pk),
    ]
    heard = Notification.objects.filter(recipient=follower, kind=Notification.Kind.STATUS_CHANGE)
    assert heard.count() == 2
    assert "Jira WEB-7 is now Done." in heard.latest("pk").message


def test_an_update_with_a_new_mapping_takes_it(idea, moderator):
    made = link(moderator, idea, key="WEB-1", state="Closed")

    update_tracker_link(moderator, made, state="Closed", status_mapping={"Closed": "declined"})

    assert status_of(idea) == Idea.Status.DECLINED


def test_a_merged_idea_never_moves(idea, moderator):
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.DUPLICATE)
    made = link(moderator, idea, key="WEB-1", state="In Progress", status_mapping=MAPPING)

    update_tracker_link(moderator, made, state="Done")

    assert status_of(idea) == Idea.Status.DUPLICATE
    assert not StatusChange.objects.exists()


def test_each_link_change_marks_the_idea_updated(idea, moderator):
    def updated_at():
        return Idea.objects.values_list("updated_at", flat=True).get(pk=idea.pk)

    before = updated_at()
    made = link(moderator, idea, key="WEB-1", state="To Do")
    linked = updated_at()
    update_tracker_link(moderator, made, state="Review")
    updated = updated_at()
    unlink_tracker(moderator, made)

    assert before < linked < updated < updated_at()
    assert not TrackerLink.objects.exists()


def test_removing_the_link_that_held_the_idea_back_lets_the_others_move_it(idea, moderator):
    waiting = link(moderator, idea, key="B-2", state="Backlog", status_mapping=MAPPING)
    link(moderator, idea, key="A-1", state="Done", status_mapping=MAPPING)
    assert status_of(idea) == "new"

    unlink_tracker(moderator, waiting)

    assert status_of(idea) == "shipped"
    assert StatusChange.objects.filter(idea=idea).last().message == "Jira B-2 is no longer linked."


def test_an_address_longer_than_the_column_is_refused(idea, moderator):
    with pytest.raises(ValidationError) as refused:
        link_tracker(moderator, idea, tracker="jira", key="L-1", url="https://jira.example.com/" + "x" * 500)

    assert "url" in refused.value.message_dict
    assert not TrackerLink.objects.exists()
