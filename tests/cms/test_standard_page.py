"""A standard page: editors' rich text, images, calls to action, questions and answers, and live
lists of ideas that show each reader only what they may see."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.models import Image

from cms.blocks import CallToActionBlock
from cms.models import StandardPage
from ideas.models import Idea
from tests.cms.factories import publish
from tests.ideas.factories import CategoryFactory, IdeaFactory

pytestmark = pytest.mark.django_db


def standard_page(home, *blocks, slug="about"):
    body = json.dumps([{"type": kind, "value": value} for kind, value in blocks])
    return publish(home, StandardPage(title="About us", slug=slug, body=body))


def ideas_block(**options):
    return (
        "ideas",
        {"heading": "Ideas from partners", "space": "", "status": "", "category": "", "count": 5} | options,
    )


def main_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main")


def test_rich_text_and_faq_render_with_questions_as_details(client, home):
    page = standard_page(
        home,
        ("rich_text", "<p>We build what you ask for.</p>"),
        (
            "faq",
            {
                "heading": "Questions",
                "questions": [{"question": "Who reads my idea?", "answer": "<p>The product team.</p>"}],
            },
        ),
    )

    main = main_of(client.get(page.url))

    assert main.find("h1").get_text(strip=True) == "About us"
    assert "We build what you ask for." in main.get_text()
    details = main.find("details")
    assert details.find("summary").get_text(strip=True) == "Who reads my idea?"
    assert "The product team." in details.get_text()


def test_a_call_to_action_links_to_its_page_or_its_address(client, home):
    target = publish(home, StandardPage(title="Privacy", slug="privacy"))
    page = standard_page(
        home,
        ("call_to_action", {"heading": "Read", "text": "", "page": target.pk, "link_url": "", "button_label": "Go"}),
        (
            "call_to_action",
            {
                "heading": "Elsewhere",
                "text": "Off site",
                "page": None,
                "link_url": "https://example.org/",
                "button_label": "Visit",
            },
        ),
    )

    main = main_of(client.get(page.url))

    assert main.find("a", string="Go")["href"] == "/privacy/"
    assert main.find("a", string="Visit")["href"] == "https://example.org/"


def test_a_call_to_action_needs_exactly_one_link():
    block = CallToActionBlock()
    value = block.to_python({"heading": "H", "text": "", "page": None, "link_url": "", "button_label": "Go"})

    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    assert list(refused.value.block_errors) == ["link_url"]


def test_an_image_renders_with_its_alt_text_and_caption(client, home, tmp_path):
    path = tmp_path / "photo.png"
    PillowImage.new("RGB", (40, 30), "blue").save(path)
    with path.open("rb") as file:
        image = Image.objects.create(title="Team", file=ImageFile(file, name="photo.png"))
    page = standard_page(home, ("image", {"image": image.pk, "alt_text": "The team at work", "caption": "Spring"}))

    main = main_of(client.get(page.url))

    assert main.find("img")["alt"] == "The team at work"
    assert main.find("figcaption").get_text(strip=True) == "Spring"


def test_the_ideas_block_lists_ideas_of_its_space_status_and_category(client, home, public_space):
    reports = CategoryFactory(space=public_space, slug="reports", name="Reports")
    IdeaFactory(space=public_space, category=reports, status=Idea.Status.PLANNED, title="Planned report")
    IdeaFactory(space=public_space, category=reports, status=Idea.Status.NEW, title="New report")
    IdeaFactory(space=public_space, status=Idea.Status.PLANNED, title="Planned elsewhere")
    IdeaFactory(status=Idea.Status.PLANNED, title="Planned in another space")
    page = standard_page(home, ideas_block(space="product", status="planned", category="reports"))

    text = main_of(client.get(page.url)).get_text()

    assert "Planned report" in text
    assert "New report" not in text
    assert "Planned elsewhere" not in text
    assert "Planned in another space" not in text


def test_the_ideas_block_shows_at_most_its_count(client, home, public_space):
    IdeaFactory.create_batch(4, space=public_space)
    page = standard_page(home, ideas_block(count=2))

    assert len(main_of(client.get(page.url)).select(".idea-row")) == 2


def test_an_ideas_block_of_a_private_space_shows_nothing_to_outsiders(client, home, private_space, partner, member):
    IdeaFactory(space=private_space, title="Zebra pricing export")
    page = standard_page(home, ideas_block(space="partners"))

    assert "Zebra pricing export" not in main_of(client.get(page.url)).get_text()
    client.force_login(member)
    assert "Zebra pricing export" not in main_of(client.get(page.url)).get_text()
    client.force_login(partner)
    assert "Zebra pricing export" in main_of(client.get(page.url)).get_text()


def test_an_ideas_block_of_every_space_leaves_out_private_ideas_for_outsiders(client, home, private_space, partner):
    IdeaFactory(space=private_space, title="Zebra pricing export")
    page = standard_page(home, ideas_block())

    assert "Zebra pricing export" not in main_of(client.get(page.url)).get_text()
    client.force_login(partner)
    assert "Zebra pricing export" in main_of(client.get(page.url)).get_text()


def test_hidden_ideas_never_show_in_an_ideas_block(client, home, public_space):
    IdeaFactory(space=public_space, title="Pangolin crypto giveaway", hidden=True)
    page = standard_page(home, ideas_block())

    assert "Pangolin crypto giveaway" not in main_of(client.get(page.url)).get_text()


def test_an_ideas_block_costs_the_same_queries_whatever_its_length(
    client, home, public_space, django_assert_max_num_queries
):
    page = standard_page(home, ideas_block(count=20))
    IdeaFactory.create_batch(2, space=public_space)
    with django_assert_max_num_queries(12) as few:
        client.get(page.url)
    IdeaFactory.create_batch(15, space=public_space)

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(main_of(client.get(page.url)).select(".idea-row")) == 17
