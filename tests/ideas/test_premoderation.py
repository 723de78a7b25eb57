"""Pre-moderation: a space holds the first posts of newcomers until a moderator approves them."""

import pytest

from community.models import ModerationAction, Notification
from ideas import services, signals
from ideas.models import Comment, HiddenReason, Idea
from ideas.services import Conflict, add_comment, submit_idea
from tests.community.factories import UserFactory
from tests.ideas.moderating import trusted
from tests.ideas.pages import portal_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
Action = ModerationAction.Action


@pytest.fixture
def held_space(portal):
    """The public space, holding each newcomer's first two posts."""
    portal.public.premoderate_first_posts = 2
    portal.public.save()
    return portal.public


@pytest.fixture
def announced():
    """What the ideas app announced to the layers above (webhooks listen to these)."""
    heard = []

    def listen(sender, **kwargs):
        heard.append(kwargs.get("comment") or kwargs["idea"])

    signals.idea_created.connect(listen, dispatch_uid="test.idea_created")
    signals.comment_created.connect(listen, dispatch_uid="test.comment_created")
    yield heard
    signals.idea_created.disconnect(dispatch_uid="test.idea_created")
    signals.comment_created.disconnect(dispatch_uid="test.comment_created")


def post_idea(author, space, title="Dark mode for the dashboard") -> Idea:
    return submit_idea(author, space, title, "Easier on the eyes at night.")


def fresh(item):
    return type(item).objects.get(pk=item.pk)


def test_a_newcomers_first_idea_waits_for_approval_and_is_not_announced(held_space, announced):
    idea = post_idea(UserFactory(), held_space)
    assert (idea.hidden, idea.hidden_reason) == (True, HiddenReason.PENDING)
    assert announced == []


def test_ideas_and_comments_count_together_towards_the_held_posts(portal, held_space):
    newcomer = UserFactory()
    first = post_idea(newcomer, held_space)
    second = add_comment(newcomer, portal.public_idea, "Me too!")
    assert (first.hidden_reason, second.hidden_reason) == (HiddenReason.PENDING, HiddenReason.PENDING)
    services.approve_content(portal.moderator, first)
    assert add_comment(newcomer, portal.public_idea, "And again.").hidden  # one published is not two
    services.approve_content(portal.moderator, fresh(second))
    third = post_idea(newcomer, held_space, "Keyboard shortcuts everywhere")
    assert not third.hidden


def test_rejected_posts_do_not_count_as_published(portal, held_space):
    newcomer = UserFactory()
    for number in range(3):
        idea = post_idea(newcomer, held_space, f"Spam offer number {number}")
        assert idea.hidden
        services.reject_content(portal.moderator, idea, reason="Advertising.")


def test_moderators_and_trusted_people_are_never_held(portal, held_space):
    assert not post_idea(portal.moderator, held_space).hidden
    assert not post_idea(trusted(), held_space).hidden


def test_a_space_without_pre_moderation_publishes_at_once(portal):
    assert not post_idea(UserFactory(), portal.public).hidden


def test_approval_publishes_the_idea_and_announces_it(portal, held_space, announced):
    idea = post_idea(UserFactory(), held_space)
    services.approve_content(portal.moderator, idea)
    assert (fresh(idea).hidden, fresh(idea).hidden_reason) == (False, "")
    assert announced == [idea]
    logged = ModerationAction.objects.get(action=Action.APPROVE)
    assert (logged.actor, logged.target, logged.subject) == (portal.moderator, idea, idea.author)
    assert logged.before == {"hidden": True, "hidden_reason": "pending"}


def test_a_held_reply_is_neither_counted_nor_told_until_approved(portal, held_space, announced):
    idea = portal.public_idea
    parent = add_comment(portal.moderator, idea, "What do you all think?")
    announced.clear()
    reply = add_comment(UserFactory(), idea, "I think yes.", parent=parent)
    assert reply.hidden_reason == HiddenReason.PENDING
    assert fresh(idea).comment_count == 1
    assert not Notification.objects.filter(kind=Notification.Kind.REPLY).exists()
    assert announced == []

    services.approve_content(portal.moderator, reply)
    assert fresh(idea).comment_count == 2
    assert Notification.objects.filter(recipient=portal.moderator, kind=Notification.Kind.REPLY).exists()
    assert announced == [reply]


def test_rejection_keeps_it_hidden_and_tells_the_author_why(portal, held_space):
    idea = post_idea(UserFactory(), held_space)
    services.reject_content(portal.moderator, idea, reason="Please post in the partner space.")
    idea = fresh(idea)
    assert (idea.hidden, idea.hidden_reason, idea.hidden_note) == (
        True,
        HiddenReason.REJECTED,
        "Please post in the partner space.",
    )
    assert ModerationAction.objects.get(action=Action.REJECT).reason == "Please post in the partner space."
    assert Notification.objects.filter(recipient=idea.author, kind=Notification.Kind.MODERATION).exists()


def test_only_what_awaits_approval_can_be_approved(portal):
    with pytest.raises(Conflict):
        services.approve_content(portal.moderator, portal.public_idea)
    with pytest.raises(Conflict):
        services.reject_content(portal.moderator, portal.public_idea, reason="No.")


def test_a_held_post_cannot_be_hidden_or_restored_before_a_decision(portal, held_space):
    idea = post_idea(UserFactory(), held_space)
    with pytest.raises(Conflict):
        services.hide_content(portal.moderator, idea, reason="Spam.")
    with pytest.raises(Conflict):
        services.restore_content(portal.moderator, idea)
    assert Comment.objects.count() == 0
