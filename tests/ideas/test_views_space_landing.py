"""A space's landing page (/spaces/<slug>/): who it is for, its look, its members."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from community.models import Membership, Space
from tests.community.factories import MembershipFactory, UserFactory
from tests.ideas.factories import CategoryFactory, IdeaFactory
from tests.ideas.pages import png_upload, portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def landing(client, slug="partners"):
    return client.get(reverse("ideas:space", args=[slug]))


def theme(client, slug="partners"):
    return client.get(reverse("ideas:space_theme", args=[slug]))


def test_the_page_shows_the_description_as_plain_text_the_logo_and_the_categories(client, portal):
    portal.private.description = "For our partners.\nAsk <b>us</b> anything."
    portal.private.logo = png_upload("logo.png")
    portal.private.save()
    category = CategoryFactory(space=portal.private, name="Billing", slug="billing")
    html = landing(signed_in(client, portal.member)).content.decode()
    assert "For our partners.<br>Ask &lt;b&gt;us&lt;/b&gt; anything." in html
    logo = portal.private.logo.name.removeprefix("spaces/")
    assert f'src="/spaces/partners/logo/{logo}" alt="Logo of Partner Lounge"' in html
    assert f'href="?category=billing">{category.name}</a>' in html


def test_the_members_list_is_shown_to_members_and_staff_only(client, portal):
    MembershipFactory(user=UserFactory(username="owner-olga"), space=portal.private, role=Membership.Role.OWNER)
    for viewer in ("member", "staff"):
        html = landing(signed_in(client, getattr(portal, viewer))).content.decode()
        assert 'id="members-heading"' in html
        assert f'href="{reverse("ideas:person", args=["owner-olga"])}"' in html
        assert "Owner" in html
    for viewer in (None, portal.outsider):
        client.logout()
        assert 'id="members-heading"' not in landing(signed_in(client, viewer), "product").content.decode()


def test_a_public_space_shows_its_members_to_none_but_members(client, portal):
    MembershipFactory(user=UserFactory(username="public-pat"), space=portal.public)
    assert "public-pat" not in landing(signed_in(client, portal.outsider), "product").content.decode()
    assert "public-pat" in landing(signed_in(client, portal.moderator), "product").content.decode()


def test_the_accent_colour_is_served_as_a_style_sheet_the_page_links(client, portal):
    Space.objects.filter(pk=portal.private.pk).update(accent_colour="#1A6B3C")
    signed_in(client, portal.member)
    html = landing(client).content.decode()
    assert f'href="{reverse("ideas:space_theme", args=["partners"])}?v=1A6B3C"' in html
    response = theme(client)
    assert response["Content-Type"].startswith("text/css")
    assert "--space-accent: #1A6B3C;" in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_a_colour_that_is_not_rrggbb_is_never_written_into_css(client, portal):
    Space.objects.filter(pk=portal.private.pk).update(accent_colour="red;}")
    signed_in(client, portal.member)
    assert theme(client).status_code == 404
    assert "theme.css" not in landing(client).content.decode()


@pytest.mark.parametrize("viewer", ["anonymous", "outsider"])
def test_a_private_space_and_its_theme_are_not_found_for_outsiders(client, portal, viewer):
    Space.objects.filter(pk=portal.private.pk).update(accent_colour="#1A6B3C", description="Partner secrets")
    signed_in(client, getattr(portal, viewer))
    assert landing(client).status_code == 404
    assert theme(client).status_code == 404


def test_the_landing_page_queries_stay_flat(client, portal, django_assert_max_num_queries):
    signed_in(client, portal.member)
    queries = []
    for added in (3, 30):
        for _number in range(added):
            IdeaFactory(space=portal.private, category=CategoryFactory(space=portal.private))
            MembershipFactory(user=UserFactory(), space=portal.private)
        cache.clear()
        # Session, user, unread count, moderation link; the space, its categories, the members check
        # and list; the ideas.
        with django_assert_max_num_queries(10) as captured:
            assert landing(client).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]


def test_members_find_the_members_page_from_the_landing_page(client, portal):
    client.force_login(portal.member)

    page = client.get(f"/spaces/{portal.private.slug}/")

    assert f'href="/spaces/{portal.private.slug}/members/"'.encode() in page.content
