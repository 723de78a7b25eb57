"""Open Graph and Twitter card tags: what a link preview shows of a page, and nothing private."""

import pytest
from bs4 import BeautifulSoup

from cms.models import HomePage, StandardPage
from community.models import Space
from tests.cms.factories import publish
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

DEFAULT_DESCRIPTION = "Share product ideas, vote on them, and hear what became of them."


@pytest.fixture
def public_space():
    return SpaceFactory(slug="product", name="Acme Product")


def preview(client, path) -> dict[str, str]:
    """The page's Open Graph and Twitter tags, by name."""
    response = client.get(path)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    tags = {tag["property"]: tag["content"] for tag in page.find_all("meta", property=True)}
    tags |= {tag["name"]: tag["content"] for tag in page.find_all("meta", attrs={"name": True})}
    return tags


def test_every_page_names_the_site_its_title_and_address(client):
    tags = preview(client, "/ideas/?sort=newest")

    assert tags["og:site_name"] == "Groundswell"
    assert tags["og:type"] == "website"
    assert tags["og:title"] == "Ideas"
    assert tags["og:url"] == "http://testserver/ideas/"
    assert tags["og:description"] == DEFAULT_DESCRIPTION
    assert tags["twitter:card"] == "summary"
    assert "og:image" not in tags


def test_an_idea_is_previewed_with_its_title_and_an_excerpt_of_its_problem(client, public_space):
    problem = "Every month we copy the figures into a spreadsheet by hand. " * 10
    idea = IdeaFactory(space=public_space, title="Export reports to <spreadsheets>", problem=problem)

    tags = preview(client, idea.get_absolute_url())

    assert tags["og:title"] == "Export reports to <spreadsheets>"
    assert tags["og:url"] == f"http://testserver/ideas/{idea.pk}/"
    assert tags["og:description"].startswith("Every month we copy the figures")
    assert tags["og:description"].endswith("…")
    assert len(tags["og:description"].removesuffix("…").split()) == 40
    assert tags["description"] == tags["og:description"]


def test_an_idea_without_a_problem_keeps_the_site_description(client, public_space):
    idea = IdeaFactory(space=public_space, problem="")

    assert preview(client, idea.get_absolute_url())["og:description"] == DEFAULT_DESCRIPTION


def test_a_space_logo_is_the_image_of_its_pages(client, public_space):
    Space.objects.filter(pk=public_space.pk).update(logo="spaces/acme.png", description="All about Acme.")
    idea = IdeaFactory(space=public_space)

    for path in ("/spaces/product/", idea.get_absolute_url()):
        tags = preview(client, path)
        assert tags["og:image"] == "http://testserver/spaces/product/logo/acme.png"
    assert preview(client, "/spaces/product/")["og:description"] == "All about Acme."


def test_a_wagtail_page_is_previewed_with_its_search_description(client):
    home = HomePage.objects.get()
    publish(home, StandardPage(title="About us", slug="about", search_description="Who we are and why we listen."))

    tags = preview(client, "/about/")

    assert tags["og:title"] == "About us"
    assert tags["og:description"] == "Who we are and why we listen."
    assert tags["description"] == "Who we are and why we listen."


def test_the_preview_of_a_public_page_holds_nothing_private(client, public_space):
    private = SpaceFactory(slug="partners", name="Walrus Partner Lounge", visibility=Space.Visibility.PRIVATE)
    IdeaFactory(space=private, title="Zebra pricing export", problem="QUOKKA-PROBLEM")
    member = UserFactory()
    MembershipFactory(user=member, space=private)
    client.force_login(member)

    for path in ("/", "/ideas/", "/spaces/", "/spaces/product/"):
        shown = " ".join(preview(client, path).values())
        assert "Zebra" not in shown
        assert "QUOKKA" not in shown
        assert "Walrus" not in shown
