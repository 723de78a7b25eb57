"""Where each page type may go in the tree, and that editors can create them in the admin."""

import pytest
from django.contrib.auth.models import Group

from cms.models import (
    CampaignPage,
    ChangelogEntryPage,
    ChangelogIndexPage,
    HomePage,
    RoadmapPage,
    StandardPage,
)
from ideas.models import Idea
from tests.cms.factories import CampaignFactory, publish
from tests.community.factories import UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_holds_the_site_sections():
    assert set(HomePage.allowed_subpage_models()) == {
        StandardPage,
        CampaignPage,
        RoadmapPage,
        ChangelogIndexPage,
    }


def test_changelog_entries_live_only_in_a_changelog():
    assert ChangelogIndexPage.allowed_subpage_models() == [ChangelogEntryPage]
    assert ChangelogEntryPage.allowed_parent_page_models() == [ChangelogIndexPage]


def test_standard_pages_nest_for_legal_and_help_sections():
    assert StandardPage.allowed_subpage_models() == [StandardPage]


@pytest.mark.parametrize(
    "model", ["standardpage", "campaignpage", "roadmappage", "changelogindexpage"], ids=lambda name: name
)
def test_an_editor_can_open_the_form_to_add_each_page_under_home(client, home, model):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))

    response = client.get(f"/cms/pages/add/cms/{model}/{home.pk}/")

    assert response.status_code == 200


def test_an_editor_publishes_a_campaign_page_in_the_admin(client, home, public_space):
    campaign = CampaignFactory(space=public_space, slug="reports", title="Better reports")
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))

    response = client.post(
        f"/cms/pages/add/cms/campaignpage/{home.pk}/",
        {
            "title": "Better reports",
            "slug": "better-reports",
            "campaign": campaign.pk,
            "intro": '{"blocks": [], "entityMap": {}}',
            "action-publish": "publish",
        },
    )

    assert response.status_code == 302
    page = CampaignPage.objects.get(slug="better-reports")
    assert page.live
    assert client.get("/better-reports/").status_code == 200


def test_an_editor_chooses_among_the_ideas_they_may_see_for_a_changelog_entry(client, home, private_space):
    IdeaFactory(space=private_space, title="Zebra pricing export")
    IdeaFactory(title="Export to CSV")
    changelog = publish(home, ChangelogIndexPage(title="Changelog", slug="changelog"))
    editor = UserFactory(username="writer")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get(f"/cms/pages/add/cms/changelogentrypage/{changelog.pk}/")

    assert response.status_code == 200
    assert "Export to CSV" in response.content.decode()
    assert "Zebra pricing export" not in response.content.decode()


def test_an_editor_publishes_a_changelog_entry_in_the_admin_and_its_idea_ships(client, home, public_space):
    idea = IdeaFactory(space=public_space, title="Export to CSV", status=Idea.Status.PLANNED)
    changelog = publish(home, ChangelogIndexPage(title="Changelog", slug="changelog"))
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))

    response = client.post(
        f"/cms/pages/add/cms/changelogentrypage/{changelog.pk}/",
        {
            "title": "Release 3",
            "slug": "release-3",
            "release_date": "2026-11-20",
            "notes": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Faster.", "depth": 0, '
            '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "shipped_ideas-TOTAL_FORMS": "1",
            "shipped_ideas-INITIAL_FORMS": "0",
            "shipped_ideas-MIN_NUM_FORMS": "0",
            "shipped_ideas-MAX_NUM_FORMS": "1000",
            "shipped_ideas-0-idea": idea.pk,
            "shipped_ideas-0-ORDER": "1",
            "shipped_ideas-0-DELETE": "",
            "shipped_ideas-0-id": "",
            "action-publish": "publish",
        },
    )

    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == Idea.Status.SHIPPED
