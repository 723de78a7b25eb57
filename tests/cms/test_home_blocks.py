"""The home page's blocks: open campaigns, trending and shipped ideas, and participation figures,
each counted over what the viewer may see."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cms.models import CampaignPage, RoadmapPage, StandardPage
from ideas.models import Campaign, Idea, StatusChange
from ideas.selectors.site import participation_figures_for, quarter_start
from tests.cms.factories import CampaignFactory, publish
from tests.ideas.factories import IdeaFactory, StatusChangeFactory, VoteFactory

pytestmark = pytest.mark.django_db


def section(client, heading_id):
    response = client.get("/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return page.find(id=heading_id).find_parent("section")


def figures(client) -> dict[str, str]:
    found = section(client, "figures-heading")
    return {item.dt.get_text(strip=True): item.dd.get_text(strip=True) for item in found.select("dl > div")}


def test_trending_lists_open_ideas_by_trending_score(client, public_space):
    IdeaFactory(space=public_space, title="Rising fast", trending_score=50)
    IdeaFactory(space=public_space, title="Rising slowly", trending_score=10)
    IdeaFactory(space=public_space, title="Already shipped", trending_score=90, status=Idea.Status.SHIPPED)

    titles = [link.get_text(strip=True) for link in section(client, "trending-heading").select(".idea-row-title a")]

    assert titles == ["Rising fast", "Rising slowly"]


def test_recently_shipped_lists_shipped_ideas_newest_first(client, public_space):
    now = timezone.now()
    IdeaFactory(space=public_space, title="Shipped last month", status="shipped", shipped_at=now - timedelta(days=30))
    IdeaFactory(space=public_space, title="Shipped today", status="shipped", shipped_at=now)
    IdeaFactory(space=public_space, title="Still planned", status="planned")

    titles = [link.get_text(strip=True) for link in section(client, "shipped-heading").select(".idea-row-title a")]

    assert titles == ["Shipped today", "Shipped last month"]


def test_private_ideas_are_neither_listed_nor_counted_for_outsiders(client, public_space, private_space, partner):
    public = IdeaFactory(space=public_space, title="Public idea", status="shipped", shipped_at=timezone.now())
    secret = IdeaFactory(space=private_space, title="Zebra pricing export", status="shipped", shipped_at=timezone.now())
    VoteFactory(idea=public)
    VoteFactory(idea=secret)
    VoteFactory(idea=secret)

    page = client.get("/").content.decode()
    assert "Zebra pricing export" not in page
    assert figures(client)["Ideas"] == "1"
    assert figures(client)["Voters"] == "1"
    assert figures(client)["Ideas shipped this quarter"] == "1"

    client.force_login(partner)
    assert "Zebra pricing export" in client.get("/").content.decode()
    assert figures(client)["Ideas"] == "2"
    assert figures(client)["Voters"] == "3"
    assert figures(client)["Ideas shipped this quarter"] == "2"


def test_hidden_and_merged_ideas_are_not_counted(client, public_space):
    target = IdeaFactory(space=public_space)
    IdeaFactory(space=public_space, hidden=True)
    IdeaFactory(space=public_space, merged_into=target)

    assert figures(client)["Ideas"] == "1"


def test_ideas_shipped_before_this_quarter_are_not_counted_in_it(client, public_space):
    start = quarter_start(timezone.now())
    IdeaFactory(space=public_space, status="shipped", shipped_at=start - timedelta(minutes=1))
    IdeaFactory(space=public_space, status="shipped", shipped_at=start + timedelta(minutes=1))

    assert figures(client)["Ideas shipped this quarter"] == "1"


def test_the_median_time_to_a_first_official_response(public_space, anonymous_user):
    for hours in (2, 4, 30):
        idea = IdeaFactory(space=public_space)
        StatusChangeFactory(idea=idea, message="We are looking at it.")
        StatusChange.objects.filter(idea=idea).update(created_at=idea.created_at + timedelta(hours=hours))
        # A later response does not change when the first one came.
        later = StatusChangeFactory(idea=idea, message="Planned.")
        StatusChange.objects.filter(pk=later.pk).update(created_at=idea.created_at + timedelta(days=90))
    silent = IdeaFactory(space=public_space)
    StatusChangeFactory(idea=silent, message="")

    assert participation_figures_for(anonymous_user).median_first_response == timedelta(hours=4)


def test_the_median_response_time_leaves_out_private_ideas_for_outsiders(client, public_space, private_space):
    idea = IdeaFactory(space=private_space)
    StatusChangeFactory(idea=idea, message="Planned for partners.")

    assert figures(client)["Median time to a first official response"] == "No responses yet"


def test_the_median_response_time_shows_in_words(client, public_space):
    idea = IdeaFactory(space=public_space)
    StatusChangeFactory(idea=idea, message="Thanks!")
    StatusChange.objects.filter(idea=idea).update(created_at=idea.created_at + timedelta(days=3, hours=2))

    assert figures(client)["Median time to a first official response"] == "3 days"


def test_open_campaigns_link_to_their_page_and_leave_out_others(client, home, public_space, private_space, partner):
    now = timezone.now()
    open_one = CampaignFactory(space=public_space, title="Better reports")
    publish(home, CampaignPage(title="Better reports", slug="better-reports", campaign=open_one))
    CampaignFactory(space=public_space, title="Pilot for admins", stage=Campaign.Stage.PILOT)
    CampaignFactory(space=public_space, title="In review", stage=Campaign.Stage.REVIEW)
    CampaignFactory(space=public_space, title="Not yet", starts_at=now + timedelta(days=1))
    CampaignFactory(
        space=public_space, title="Over", starts_at=now - timedelta(days=9), ends_at=now - timedelta(days=1)
    )
    CampaignFactory(space=private_space, title="Walrus pricing pilot")

    campaigns = section(client, "campaigns-heading")
    assert [title.get_text(strip=True) for title in campaigns.find_all("h3")] == ["Better reports", "Pilot for admins"]
    assert campaigns.find("a", string="Better reports")["href"] == "/better-reports/"

    client.force_login(partner)
    assert "Walrus pricing pilot" in section(client, "campaigns-heading").get_text()


def test_the_home_page_costs_the_same_queries_whatever_the_numbers(
    client, home, public_space, member, django_assert_max_num_queries
):
    client.force_login(member)
    shipped = IdeaFactory(space=public_space, status="shipped", shipped_at=timezone.now())
    VoteFactory(idea=shipped)
    campaign = CampaignFactory(space=public_space)
    publish(home, CampaignPage(title="Campaign", slug="campaign", campaign=campaign))
    with django_assert_max_num_queries(30) as few:
        client.get("/")
    for _ in range(10):
        idea = IdeaFactory(space=public_space, status="shipped", shipped_at=timezone.now())
        VoteFactory(idea=idea)
        StatusChangeFactory(idea=idea, message="Shipped.")
        publish(home, CampaignPage(title="Campaign", slug=f"campaign-{idea.pk}", campaign=CampaignFactory()))
    IdeaFactory.create_batch(10, space=public_space)

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/").status_code == 200


def test_the_sections_an_editor_puts_in_the_menu_are_linked_from_the_home_page(client, home):
    publish(home, RoadmapPage(title="Roadmap", slug="roadmap", show_in_menus=True))
    publish(home, StandardPage(title="About us", slug="about", show_in_menus=False))

    page = BeautifulSoup(client.get("/").content, "html.parser")

    sections = page.find("nav", attrs={"aria-label": "Sections of the site"})
    assert [(link.get_text(), link["href"]) for link in sections.find_all("a")] == [("Roadmap", "/roadmap/")]
