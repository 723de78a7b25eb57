"""An editor presents a call for ideas on the public site, in a real browser: creates a campaign
page in the Wagtail admin and publishes it; a customer finds it, answers its question with an idea,
and the idea lands in the campaign. The campaign page passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.models import HomePage
from ideas.models import Campaign, Idea
from tests.browser.test_idea_journey import sign_in
from tests.community.factories import SpaceFactory, UserFactory
from tests.markers import transactional_db

pytestmark = [pytest.mark.browser, transactional_db]


@pytest.fixture
def campaign():
    now = timezone.now()
    return Campaign.objects.create(
        space=SpaceFactory(slug="product", name="Acme Product"),
        title="Month-end reporting",
        slug="month-end-reporting",
        question="What would make your month-end reporting painless?",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=30),
    )


def test_an_editor_publishes_a_campaign_page_and_a_customer_answers_it(
    page, browser, live_server, axe_violations, password, member, campaign
):
    editor = UserFactory(password=password, is_staff=True, is_superuser=True)
    editor_context = browser.new_context(base_url=live_server.url)
    admin = editor_context.new_page()
    sign_in(admin, editor, password)
    admin.goto(f"/cms/pages/add/cms/campaignpage/{HomePage.objects.get().pk}/")
    admin.locator("#id_title").fill("Tell us about month-end")
    admin.locator("#id_campaign").select_option(label="Month-end reporting")
    admin.get_by_role("tab", name="Promote").click()
    # Wagtail fills the slug from the title a moment later; typing it too would race that.
    expect(admin.locator("#id_slug")).to_have_value("tell-us-about-month-end")
    admin.locator("[data-w-dropdown-target='toggle']").last.click()
    admin.get_by_role("button", name="Publish").click()
    expect(admin.get_by_text("created and published").first).to_be_visible(timeout=15_000)
    editor_context.close()

    sign_in(page, member, password)
    page.goto("/tell-us-about-month-end/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about month-end")
    expect(page.get_by_text("What would make your month-end reporting painless?").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Submit an idea").click()

    expect(page.get_by_text("What would make your month-end reporting painless?").first).to_be_visible()
    page.get_by_label("Title").fill("Close the books with one report")
    page.get_by_label("What gets in your way today?").fill("We copy numbers from five reports every month.")
    page.get_by_role("button", name="Post your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Close the books with one report")

    idea = Idea.objects.get(title="Close the books with one report")
    assert (idea.campaign, idea.author, idea.space.slug) == (campaign, member, "product")
    page.goto("/tell-us-about-month-end/")
    expect(page.get_by_role("link", name="Close the books with one report")).to_be_visible()
