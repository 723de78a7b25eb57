"""A person's page (/people/<username>/): their ideas and comments, as far as the viewer may see."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.ideas.factories import CommentFactory, IdeaFactory
from tests.ideas.pages import INSIDERS, PRIVATE_TITLE, VIEWERS, portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def person_page(client, user):
    return client.get(reverse("ideas:person", args=[user.username]))


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_persons_private_ideas_and_comments_show_only_to_insiders(client, portal, viewer):
    member = portal.member
    CommentFactory(idea=portal.private_idea, author=member, body="Only partners should read this remark.")
    CommentFactory(idea=portal.public_idea, author=member, body="Anyone may read this remark.")
    page = person_page(signed_in(client, getattr(portal, viewer)), member).content.decode()
    assert member.display_name in page
    assert "Anyone may read this remark." in page
    assert portal.public_idea.title in page  # the idea the public comment is on
    assert (PRIVATE_TITLE in page) == (viewer in INSIDERS)
    assert ("Only partners should read this remark." in page) == (viewer in INSIDERS)


def test_the_page_lists_the_persons_ideas_newest_first_and_links_to_them(client, portal):
    first = IdeaFactory(space=portal.public, author=portal.outsider, title="An older idea of mine")
    second = IdeaFactory(space=portal.public, author=portal.outsider, title="A newer idea of mine")
    page = person_page(client, portal.outsider).content.decode()
    assert f'href="{first.get_absolute_url()}"' in page
    assert page.index(second.title) < page.index(first.title)
    assert "2 ideas" in page
    assert portal.public_idea.title not in page


def test_comments_link_to_their_place_on_the_idea_page(client, portal):
    comment = CommentFactory(idea=portal.public_idea, author=portal.outsider)
    page = person_page(client, portal.outsider).content.decode()
    assert f'href="{portal.public_idea.get_absolute_url()}#comment-{comment.pk}"' in page


def test_deleted_comments_are_not_listed(client, portal):
    CommentFactory(idea=portal.public_idea, author=portal.outsider, body="Taken back.", deleted_at=timezone.now())
    assert "Taken back." not in person_page(client, portal.outsider).content.decode()


def test_an_unknown_person_is_not_found(client, portal):
    assert client.get(reverse("ideas:person", args=["nobody-here"])).status_code == 404


def test_markup_in_a_display_name_or_comment_is_shown_inert(client, portal):
    portal.outsider.profile.display_name = "<script>alert(1)</script>"
    portal.outsider.profile.save()
    CommentFactory(idea=portal.public_idea, author=portal.outsider, body="<img src=x onerror=alert(1)>")
    page = person_page(client, portal.outsider).content.decode()
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page


def test_author_names_on_idea_pages_link_to_their_person_page(client, portal):
    page = client.get(portal.public_idea.get_absolute_url()).content.decode()
    author = portal.public_idea.author
    assert f'<a href="{reverse("ideas:person", args=[author.username])}">{author.display_name}</a>' in page


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_person_page_queries_stay_flat(client, portal, django_assert_max_num_queries, viewer):
    signed_in(client, getattr(portal, viewer))
    queries = []
    for added in (3, 30):
        for _number in range(added):
            idea = IdeaFactory(space=portal.public, author=portal.outsider)
            CommentFactory(idea=idea, author=portal.outsider)
        with django_assert_max_num_queries(8) as captured:
            assert person_page(client, portal.outsider).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]
