"""Comments: one level of replies, a short edit window for authors, tombstones on delete,
official answers only from those who speak for the organisation."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community.models import Membership, Space
from ideas.models import Comment, Follow, Idea
from ideas.services import add_comment, delete_comment, edit_comment
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea():
    return IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PUBLIC))


@pytest.fixture
def moderator(idea):
    return MembershipFactory(space=idea.space, role=Membership.Role.MODERATOR).user


def comment_count(idea: Idea) -> int:
    idea.refresh_from_db()
    return idea.comment_count


def nothing_written(idea: Idea, action, exception=PermissionDenied) -> Exception:
    before = (comment_count(idea), list(Comment.objects.values()), Follow.objects.count())
    with pytest.raises(exception) as refused:
        action()
    assert (comment_count(idea), list(Comment.objects.values()), Follow.objects.count()) == before
    return refused.value


def age(comment: Comment, minutes: int) -> None:
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    comment.refresh_from_db()


def test_a_comment_is_stored_counted_and_its_author_follows(member, idea):
    comment = add_comment(member, idea, "  I would use this every week.\r\n  ")

    comment.refresh_from_db()
    assert (comment.body, comment.author, comment.parent, comment.is_official) == (
        "I would use this every week.",
        member,
        None,
        False,
    )
    assert comment_count(idea) == 1
    assert Follow.objects.filter(idea=idea, user=member).exists()


def test_a_reply_is_attached_to_its_comment(member, idea):
    question = add_comment(UserFactory(), idea, "Which formats?")

    reply = add_comment(member, idea, "CSV, please.", parent=question)

    assert reply.parent == question
    assert comment_count(idea) == 2


def test_a_reply_to_a_reply_joins_the_top_thread(member, idea):
    question = add_comment(UserFactory(), idea, "Which formats?")
    answer = add_comment(UserFactory(), idea, "CSV, please.", parent=question)

    follow_up = add_comment(member, idea, "And XLSX.", parent=answer)

    assert follow_up.parent == question
    assert list(question.replies.all()) == [answer, follow_up]


def test_a_reply_to_a_comment_of_another_idea_is_refused(member, idea):
    elsewhere = add_comment(member, IdeaFactory(space=idea.space), "Elsewhere")

    error = nothing_written(idea, lambda: add_comment(member, idea, "Reply", parent=elsewhere), ValidationError)

    assert "parent" in error.message_dict


@pytest.mark.parametrize("body", ["", "   \n\t ", "x" * 10_001])
def test_an_empty_or_too_long_comment_is_refused(member, idea, body):
    error = nothing_written(idea, lambda: add_comment(member, idea, body), ValidationError)

    assert "body" in error.message_dict


def test_a_comment_of_10000_characters_is_accepted(member, idea):
    assert len(add_comment(member, idea, "x" * 10_000).body) == 10_000


def test_an_outsider_cannot_comment_in_a_private_space(member):
    private = IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PRIVATE))

    nothing_written(private, lambda: add_comment(member, private, "Let me in"))


def test_an_unverified_address_cannot_comment(idea):
    nothing_written(idea, lambda: add_comment(UserFactory(email_verified=False), idea, "Hello"))


def test_a_member_cannot_comment_on_a_hidden_idea(member):
    hidden = IdeaFactory(hidden=True)

    nothing_written(hidden, lambda: add_comment(member, hidden, "Hello"))


def test_moderators_and_staff_may_answer_officially(idea, moderator):
    staff = UserFactory(is_staff=True)

    assert add_comment(moderator, idea, "We are on it.", official=True).is_official
    assert add_comment(staff, idea, "Shipping soon.", official=True).is_official


def test_a_member_cannot_answer_officially(member, idea):
    nothing_written(idea, lambda: add_comment(member, idea, "We will ship it!", official=True))


def test_a_moderator_of_another_space_cannot_answer_officially(idea):
    elsewhere = MembershipFactory(role=Membership.Role.MODERATOR).user

    nothing_written(idea, lambda: add_comment(elsewhere, idea, "We will ship it!", official=True))


def test_the_author_may_edit_within_fifteen_minutes(member, idea):
    comment = add_comment(member, idea, "Teh export")
    age(comment, 14)

    edited = edit_comment(member, comment, "The export")

    edited.refresh_from_db()
    assert edited.body == "The export"
    assert edited.edited_at is not None


def test_the_author_may_not_edit_after_fifteen_minutes(member, idea):
    comment = add_comment(member, idea, "Teh export")
    age(comment, 16)

    with pytest.raises(PermissionDenied):
        edit_comment(member, comment, "The export")

    comment.refresh_from_db()
    assert (comment.body, comment.edited_at) == ("Teh export", None)


def test_a_moderator_may_edit_any_comment_at_any_time(member, idea, moderator):
    comment = add_comment(member, idea, "Call me on +1 555 0100")
    age(comment, 60 * 24 * 30)

    edit_comment(moderator, comment, "[phone number removed]")

    comment.refresh_from_db()
    assert comment.body == "[phone number removed]"


def test_nobody_else_may_edit_a_comment(member, idea):
    comment = add_comment(member, idea, "Mine")

    with pytest.raises(PermissionDenied):
        edit_comment(UserFactory(), comment, "Yours now")

    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_an_edit_may_not_empty_a_comment(member, idea):
    comment = add_comment(member, idea, "Mine")

    with pytest.raises(ValidationError):
        edit_comment(member, comment, "   ")

    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_deleting_leaves_a_tombstone_and_keeps_the_replies(member, idea):
    comment = add_comment(member, idea, "Something I regret")
    reply = add_comment(UserFactory(), idea, "Indeed", parent=comment)

    delete_comment(member, comment)

    comment.refresh_from_db()
    assert (comment.body, comment.is_deleted) == ("", True)
    assert list(comment.replies.all()) == [reply]
    assert comment_count(idea) == 1


def test_deleting_twice_counts_once(member, idea):
    comment = add_comment(member, idea, "Something I regret")
    add_comment(member, idea, "Something I keep")

    delete_comment(member, comment)
    delete_comment(member, comment)

    assert comment_count(idea) == 1


def test_a_tombstone_cannot_be_edited_back(member, idea, moderator):
    comment = add_comment(member, idea, "Something I regret")
    delete_comment(moderator, comment)

    with pytest.raises(ValidationError):
        edit_comment(member, comment, "Back again")


def test_nobody_else_may_delete_a_comment(member, idea):
    comment = add_comment(member, idea, "Mine")

    with pytest.raises(PermissionDenied):
        delete_comment(UserFactory(), comment)

    comment.refresh_from_db()
    assert not comment.is_deleted
