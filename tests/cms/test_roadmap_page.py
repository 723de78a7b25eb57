"""The roadmap: planned, in progress and shipped columns of the ideas the viewer may see, with
votes and the latest official response, filterable by space and category."""

import pytest
from bs4 import BeautifulSoup

from cms.models import RoadmapPage
from ideas.models import Idea, StatusLabel
from tests.cms.factories import publish
from tests.community.factories import SpaceFactory
from tests.ideas.factories import CategoryFactory, IdeaFactory, StatusChangeFactory, VoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap(home):
    return publish(home, RoadmapPage(title="Roadmap", slug="roadmap"))


def columns(client, query=""):
    response = client.get(f"/roadmap/{query}")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return {
        column.h2.get_text(strip=True): [card.h3.get_text(strip=True) for card in column.select(".roadmap-card")]
        for column in page.select(".roadmap-column")
    }


def test_ideas_sit_in_the_column_of_their_status(client, roadmap, public_space):
    IdeaFactory(space=public_space, status=Idea.Status.PLANNED, title="Planned one")
    IdeaFactory(space=public_space, status=Idea.Status.IN_PROGRESS, title="Being built")
    IdeaFactory(space=public_space, status=Idea.Status.SHIPPED, title="Done")
    IdeaFactory(space=public_space, status=Idea.Status.NEW, title="Just posted")
    IdeaFactory(space=public_space, status=Idea.Status.DECLINED, title="Not doing")

    assert columns(client) == {"Planned": ["Planned one"], "In progress": ["Being built"], "Shipped": ["Done"]}


def test_a_card_shows_votes_and_the_latest_official_response(client, roadmap, public_space):
    idea = IdeaFactory(space=public_space, status=Idea.Status.PLANNED)
    VoteFactory(idea=idea)
    VoteFactory(idea=idea)
    StatusChangeFactory(idea=idea, to_status="under_review", message="Looking into it.")
    StatusChangeFactory(idea=idea, from_status="under_review", to_status="planned", message="Planned for May.")
    StatusChangeFactory(idea=idea, from_status="planned", to_status="planned", message="")

    card = BeautifulSoup(client.get("/roadmap/").content, "html.parser").select_one(".roadmap-card")

    assert "2 votes" in card.get_text()
    assert card.find("blockquote").get_text(strip=True) == "Planned for May."


def test_private_ideas_stay_off_the_roadmap_for_outsiders(client, roadmap, private_space, partner, member):
    IdeaFactory(space=private_space, status=Idea.Status.PLANNED, title="Zebra pricing export")

    assert "Zebra pricing export" not in client.get("/roadmap/").content.decode()
    client.force_login(member)
    assert "Zebra pricing export" not in client.get("/roadmap/").content.decode()
    assert "Walrus Partner Lounge" not in client.get("/roadmap/").content.decode()
    client.force_login(partner)
    assert columns(client)["Planned"] == ["Zebra pricing export"]


def test_the_roadmap_filters_by_space_and_category(client, roadmap, public_space):
    other = SpaceFactory(slug="mobile", name="Mobile")
    reports = CategoryFactory(space=public_space, slug="reports", name="Reports")
    IdeaFactory(space=public_space, category=reports, status="planned", title="Report idea")
    IdeaFactory(space=public_space, status="planned", title="Other product idea")
    IdeaFactory(space=other, status="planned", title="Mobile idea")

    assert sorted(columns(client, "?space=product")["Planned"]) == ["Other product idea", "Report idea"]
    assert columns(client, "?space=mobile")["Planned"] == ["Mobile idea"]
    assert columns(client, "?space=product&category=reports")["Planned"] == ["Report idea"]
    assert columns(client, "?category=reports")["Planned"] == ["Report idea"]


def test_filtering_by_a_private_space_reveals_nothing_to_outsiders(client, roadmap, private_space, public_space):
    IdeaFactory(space=private_space, status="planned", title="Zebra pricing export")
    IdeaFactory(space=public_space, status="planned", title="Public idea")

    response = client.get("/roadmap/?space=partners")

    assert response.status_code == 200
    assert "Zebra pricing export" not in response.content.decode()
    assert "Walrus Partner Lounge" not in response.content.decode()


def test_the_filter_offers_only_visible_spaces_and_categories(client, roadmap, private_space, public_space, partner):
    CategoryFactory(space=private_space, slug="billing", name="Quokka Billing")
    CategoryFactory(space=public_space, slug="reports", name="Reports")

    form = BeautifulSoup(client.get("/roadmap/").content, "html.parser").find("form", class_="roadmap-filters")
    assert [option["value"] for option in form.select("select[name=space] option")] == ["", "product"]
    assert [option["value"] for option in form.select("select[name=category] option")] == ["", "reports"]

    client.force_login(partner)
    form = BeautifulSoup(client.get("/roadmap/").content, "html.parser").find("form", class_="roadmap-filters")
    assert "billing" in [option["value"] for option in form.select("select[name=category] option")]


def test_the_roadmap_costs_the_same_queries_whatever_its_length(
    client, roadmap, public_space, member, django_assert_max_num_queries
):
    client.force_login(member)
    for status in ("planned", "in_progress", "shipped"):
        StatusChangeFactory(idea=IdeaFactory(space=public_space, status=status), message="On it.")
    with django_assert_max_num_queries(30) as few:
        client.get("/roadmap/")
    for status in ("planned", "in_progress", "shipped") * 5:
        idea = IdeaFactory(space=public_space, status=status, category=CategoryFactory(space=public_space))
        StatusChangeFactory(idea=idea, message="On it.")
        VoteFactory(idea=idea)

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert sum(map(len, columns(client).values())) == 18


def test_the_latest_official_response_is_markdown_made_safe(client, roadmap, public_space):
    idea = IdeaFactory(space=public_space, status=Idea.Status.SHIPPED, title="Dark mode")
    StatusChangeFactory(idea=idea, to_status=Idea.Status.SHIPPED, message="Open *Settings* <script>alert(1)</script>")

    response = BeautifulSoup(client.get("/roadmap/").content, "html.parser").select_one(".official-response")

    assert response.em.get_text() == "Settings"
    assert response.script is None


def test_columns_are_named_as_editors_labelled_the_statuses(client, roadmap):
    StatusLabel.objects.create(status=Idea.Status.IN_PROGRESS, label="Being built", description="A team works on it.")

    page = BeautifulSoup(client.get("/roadmap/").content, "html.parser")

    column = page.select_one("#column-in_progress").find_parent("section")
    assert column.h2.get_text(strip=True) == "Being built"
    assert "A team works on it." in column.get_text()
    assert page.select_one("#column-planned").get_text(strip=True) == "Planned"
