"""A campaign's landing page: its question, dates and stage, its ideas, and "Submit an idea" while
it is open; a campaign in a space the viewer may not see is not found."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cms.models import CampaignPage
from ideas.models import Campaign
from tests.cms.factories import CampaignFactory, publish
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

SUBMIT = "Submit an idea"


def campaign_page(home, campaign, *, intro="<p>Tell us about reports.</p>"):
    return publish(home, CampaignPage(title=campaign.title, slug=campaign.slug, campaign=campaign, intro=intro))


def main_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main")


def test_an_open_campaign_shows_its_question_and_offers_to_submit_an_idea(client, home, public_space):
    campaign = CampaignFactory(space=public_space, slug="reports", question="What should reports show?")
    page = campaign_page(home, campaign)

    main = main_of(client.get(page.url))

    assert "What should reports show?" in main.get_text()
    assert "Tell us about reports." in main.get_text()
    assert main.find("a", string=SUBMIT)["href"] == "/ideas/new/?campaign=reports"
    assert "Submissions closed" not in main.get_text()


def test_after_its_end_date_submissions_are_closed(client, home, public_space):
    now = timezone.now()
    campaign = CampaignFactory(space=public_space, starts_at=now - timedelta(days=20), ends_at=now - timedelta(days=2))
    page = campaign_page(home, campaign)

    main = main_of(client.get(page.url))

    assert main.find("a", string=SUBMIT) is None
    assert "Submissions closed on" in main.get_text()


def test_the_button_goes_the_moment_the_campaign_ends(client, home, public_space):
    campaign = CampaignFactory(space=public_space)
    page = campaign_page(home, campaign)
    assert main_of(client.get(page.url)).find("a", string=SUBMIT) is not None

    Campaign.objects.filter(pk=campaign.pk).update(ends_at=timezone.now() - timedelta(seconds=1))

    assert main_of(client.get(page.url)).find("a", string=SUBMIT) is None


def test_before_its_start_the_campaign_says_when_it_opens(client, home, public_space):
    now = timezone.now()
    campaign = CampaignFactory(space=public_space, starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=9))

    main = main_of(client.get(campaign_page(home, campaign).url))

    assert main.find("a", string=SUBMIT) is None
    assert "Submissions open on" in main.get_text()


def test_a_campaign_in_review_takes_no_ideas_even_within_its_dates(client, home, public_space):
    campaign = CampaignFactory(space=public_space, stage=Campaign.Stage.REVIEW)

    assert main_of(client.get(campaign_page(home, campaign).url)).find("a", string=SUBMIT) is None


def test_a_pilot_shows_its_success_criteria(client, home, public_space):
    campaign = CampaignFactory(
        space=public_space, stage=Campaign.Stage.PILOT, success_criteria="Ten teams use it weekly."
    )

    main = main_of(client.get(campaign_page(home, campaign).url))

    assert "Ten teams use it weekly." in main.get_text()
    assert main.find("a", string=SUBMIT) is not None


def test_a_closed_campaign_shows_its_lessons(client, home, public_space):
    campaign = CampaignFactory(
        space=public_space,
        stage=Campaign.Stage.CLOSED,
        lessons="Partners wanted exports, not dashboards.",
        success_criteria="Ten teams use it weekly.",
    )

    text = main_of(client.get(campaign_page(home, campaign).url)).get_text()

    assert "Partners wanted exports, not dashboards." in text
    assert "Ten teams use it weekly." not in text


def test_the_page_lists_the_campaigns_visible_ideas(client, home, public_space):
    campaign = CampaignFactory(space=public_space)
    IdeaFactory(space=public_space, campaign=campaign, title="Export to CSV")
    IdeaFactory(space=public_space, campaign=campaign, title="Pangolin crypto giveaway", hidden=True)
    IdeaFactory(space=public_space, title="Not in the campaign")

    text = main_of(client.get(campaign_page(home, campaign).url)).get_text()

    assert "Export to CSV" in text
    assert "Pangolin crypto giveaway" not in text
    assert "Not in the campaign" not in text


def test_a_campaign_of_a_private_space_is_not_found_for_outsiders(client, home, private_space, partner, member):
    campaign = CampaignFactory(space=private_space, question="Walrus pricing question")
    IdeaFactory(space=private_space, campaign=campaign, title="Zebra pricing export")
    page = campaign_page(home, campaign)

    anonymous = client.get(page.url)
    client.force_login(member)
    outsider = client.get(page.url)
    client.force_login(partner)
    insider = client.get(page.url)

    for response in (anonymous, outsider):
        assert response.status_code == 404
        assert "Zebra pricing export" not in response.content.decode()
        assert "Walrus pricing question" not in response.content.decode()
    assert "Zebra pricing export" in main_of(insider).get_text()


def test_the_campaign_page_costs_the_same_queries_whatever_its_ideas(
    client, home, public_space, member, django_assert_max_num_queries
):
    client.force_login(member)
    campaign = CampaignFactory(space=public_space)
    page = campaign_page(home, campaign)
    IdeaFactory(space=public_space, campaign=campaign)
    with django_assert_max_num_queries(30) as few:
        client.get(page.url)
    IdeaFactory.create_batch(10, space=public_space, campaign=campaign)

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(main_of(client.get(page.url)).select(".idea-row")) == 11
