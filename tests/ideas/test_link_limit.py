"""New people may put only a few links in what they post (Discourse's new users: 2)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from community.services import set_trust_level
from ideas.models import Comment, Idea
from ideas.services import add_comment, edit_comment, submit_idea
from ideas.trust import count_links
from tests.community.factories import MembershipFactory, SpaceFactory
from tests.ideas.factories import CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory()


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("No link at all, just www and http words.", 0),
        ("See [the docs](https://example.com/docs).", 1),
        ("An autolink <https://example.org/a> and a bare https://example.net/b", 2),
        ("www.example.com and mailto:team@example.com and ![shot](https://example.com/x.png)", 3),
        ("[one](/relative) [two](https://a.example) https://b.example", 3),
    ],
)
def test_links_are_counted_in_every_form(text, links):
    assert count_links(text) == links


def test_a_new_person_may_post_two_links(member, space):
    idea = submit_idea(member, space, "Export reports", "Like [this](https://a.example) or https://b.example")

    assert idea.pk


def test_a_new_person_posting_three_links_across_fields_is_refused_on_the_field(member, space):
    with pytest.raises(ValidationError) as refusal:
        submit_idea(
            member,
            space,
            "See https://a.example",
            "Like [this](https://b.example) or <https://c.example>",
            problem="",
        )

    assert "body" in refusal.value.message_dict
    assert "at most 2 links" in refusal.value.message_dict["body"][0]
    assert Idea.objects.count() == 0


def test_a_new_person_comment_with_three_links_is_refused(member, space):
    idea = IdeaFactory(space=space)

    with pytest.raises(ValidationError) as refusal:
        add_comment(member, idea, "https://a.example https://b.example https://c.example")

    assert "at most 2 links" in refusal.value.message_dict["body"][0]
    assert Comment.objects.count() == 0


def test_editing_a_comment_cannot_add_more_links(member, space):
    comment = CommentFactory(author=member, idea=IdeaFactory(space=space), created_at=timezone.now())

    with pytest.raises(ValidationError):
        edit_comment(member, comment, "https://a.example https://b.example https://c.example")


def test_members_and_moderators_may_post_more_links(member, space):
    set_trust_level(member, "member")
    moderator = MembershipFactory(space=space, role="moderator").user
    links = " ".join(f"https://{n}.example" for n in range(5))

    assert submit_idea(member, space, "Many links", links).pk
    assert add_comment(moderator, IdeaFactory(space=space), links).pk


def test_the_limit_is_a_setting(member, space, settings):
    settings.NEW_USER_MAX_LINKS = 0

    with pytest.raises(ValidationError) as refusal:
        add_comment(member, IdeaFactory(space=space), "https://a.example")

    assert "at most 0 links" in refusal.value.message_dict["body"][0]
