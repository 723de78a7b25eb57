"""Who hears what about an idea: followers about statuses and official responses, authors
about replies; never the person who acted, never someone who can no longer see the idea."""

import pytest
from django.core.exceptions import PermissionDenied

from community.models import Membership, Notification, Space
from ideas.models import Idea
from ideas.services import add_comment, change_status, follow_idea, unfollow_idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(visibility=Space.Visibility.PRIVATE)


@pytest.fixture
def idea(space):
    return IdeaFactory(space=space, author=MembershipFactory(space=space).user, title="Export reports to CSV")


@pytest.fixture
def moderator(space):
    return MembershipFactory(space=space, role=Membership.Role.MODERATOR).user


def follower_of(idea: Idea):
    user = MembershipFactory(space=idea.space).user
    follow_idea(user, idea)
    return user


def notified(kind: str | None = None) -> set:
    notifications = Notification.objects.all()
    if kind:
        notifications = notifications.filter(kind=kind)
    return {notification.recipient for notification in notifications}


def test_a_status_change_notifies_followers_but_not_the_moderator_who_made_it(idea, moderator):
    followers = [follower_of(idea) for _ in range(2)]
    follow_idea(moderator, idea)
    follow_idea(idea.author, idea)

    change_status(moderator, idea, Idea.Status.PLANNED, "Planned for spring.")

    assert notified(Notification.Kind.STATUS_CHANGE) == {*followers, idea.author}
    notification = Notification.objects.filter(recipient=followers[0]).get()
    assert (notification.subject, notification.actor, notification.space, notification.target) == (
        "Export reports to CSV",
        moderator,
        idea.space,
        idea,
    )
    assert "Planned" in notification.message
    assert "Planned for spring." in notification.message
    assert notification.url == idea.get_absolute_url()


def test_people_who_unfollowed_hear_nothing(idea, moderator):
    follower = follower_of(idea)
    unfollow_idea(follower, idea)

    change_status(moderator, idea, Idea.Status.PLANNED)

    assert follower not in notified()


def test_a_follower_who_lost_access_to_the_private_space_hears_nothing(idea, moderator):
    stays, leaves = follower_of(idea), follower_of(idea)
    Membership.objects.filter(user=leaves, space=idea.space).delete()

    change_status(moderator, idea, Idea.Status.SHIPPED, "Out now.")

    assert notified() == {stays}


def test_a_deactivated_follower_hears_nothing(idea, moderator):
    follower = follower_of(idea)
    follower.is_active = False
    follower.save(update_fields=["is_active"])

    change_status(moderator, idea, Idea.Status.SHIPPED)

    assert follower not in notified()


def test_an_official_response_notifies_followers(idea, moderator):
    follower = follower_of(idea)

    comment = add_comment(moderator, idea, "We are looking into it.", official=True)

    notification = Notification.objects.get(kind=Notification.Kind.OFFICIAL_RESPONSE, recipient=follower)
    assert notification.message == "We are looking into it."
    assert notification.url.endswith(f"#comment-{comment.pk}")
    assert moderator not in notified()


def test_an_ordinary_comment_notifies_no_follower(idea):
    follower_of(idea)

    add_comment(follower_of(idea), idea, "Me too")

    assert not Notification.objects.exists()


def test_a_reply_notifies_the_author_of_the_comment(idea):
    asker, answerer = follower_of(idea), follower_of(idea)
    question = add_comment(asker, idea, "Which formats?")

    add_comment(answerer, idea, "CSV, please.", parent=question)

    assert notified(Notification.Kind.REPLY) == {asker}


def test_a_reply_to_a_reply_notifies_the_author_of_the_thread(idea):
    asker = follower_of(idea)
    question = add_comment(asker, idea, "Which formats?")
    answer = add_comment(follower_of(idea), idea, "CSV, please.", parent=question)

    add_comment(follower_of(idea), idea, "And XLSX.", parent=answer)

    assert notified(Notification.Kind.REPLY) == {asker}


def test_replying_to_oneself_notifies_nobody(idea):
    asker = follower_of(idea)
    question = add_comment(asker, idea, "Which formats?")

    add_comment(asker, idea, "Never mind, CSV.", parent=question)

    assert not Notification.objects.exists()


def test_the_author_of_a_comment_who_left_the_space_hears_nothing_of_replies(idea):
    asker = follower_of(idea)
    question = add_comment(asker, idea, "Which formats?")
    Membership.objects.filter(user=asker, space=idea.space).delete()

    add_comment(follower_of(idea), idea, "CSV, please.", parent=question)

    assert not Notification.objects.exists()


def test_a_refused_status_change_notifies_nobody(idea):
    follower_of(idea)
    outsider = UserFactory()

    with pytest.raises(PermissionDenied):
        change_status(outsider, idea, Idea.Status.SHIPPED)

    assert not Notification.objects.exists()


def hide(idea: Idea) -> None:
    Idea.objects.filter(pk=idea.pk).update(hidden=True)
    idea.refresh_from_db()


def test_of_a_hidden_idea_only_its_author_and_moderators_hear(idea, moderator):
    follower = follower_of(idea)
    other_moderator = MembershipFactory(space=idea.space, role=Membership.Role.OWNER).user
    for user in (idea.author, other_moderator):
        follow_idea(user, idea)
    hide(idea)

    change_status(moderator, idea, Idea.Status.DECLINED, "Removed as spam.")
    add_comment(moderator, idea, "Please rewrite it without the links.", official=True)

    assert follower not in notified()
    assert notified() == {idea.author, other_moderator}


def test_a_reply_on_a_hidden_idea_is_not_told_to_those_who_cannot_see_it(idea, moderator):
    asker = follower_of(idea)
    question = add_comment(asker, idea, "Which formats?")
    hide(idea)

    add_comment(moderator, idea, "Hidden while we check it.", parent=question)

    assert not Notification.objects.exists()
