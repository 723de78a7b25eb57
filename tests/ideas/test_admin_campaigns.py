"""Campaigns, status labels and this week's new ideas in the back office (Wagtail admin)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import ModerationAction
from ideas.models import Campaign, StatusLabel
from tests.ideas.pages import PRIVATE_TITLE, portal_fixture, signed_in  # noqa: F401
from tests.ideas.test_moderation_admin import with_admin_access

pytestmark = pytest.mark.django_db


def superuser(portal):
    portal.staff.is_superuser = True
    portal.staff.save()
    return portal.staff


def form_data(portal, **changes) -> dict:
    now = timezone.localtime()
    data = {
        "space": portal.public.pk,
        "title": "Faster onboarding",
        "slug": "onboarding",
        "question": "What did you struggle with in your first week?",
        "description": "",
        "starts_at": now.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (now + timedelta(days=30)).strftime("%Y-%m-%d %H:%M"),
        "participant_cap": "",
        "success_criteria": "Ten ideas from ten people.",
    }
    return {**data, **changes}


def test_staff_create_a_campaign_through_the_service_which_logs_it(client, portal):
    staff = superuser(portal)
    response = signed_in(client, staff).post(reverse("campaigns:add"), form_data(portal))
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(slug="onboarding")
    assert (campaign.space, campaign.stage) == (portal.public, Campaign.Stage.PILOT)
    assert ModerationAction.objects.filter(action=ModerationAction.Action.EDIT, target_id=campaign.pk).exists()


def test_a_campaign_closing_before_it_opens_is_refused_on_the_form(client, portal):
    staff = superuser(portal)
    now = timezone.localtime()
    response = signed_in(client, staff).post(
        reverse("campaigns:add"), form_data(portal, ends_at=(now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"))
    )
    assert response.status_code == 200
    assert not Campaign.objects.exists()


def test_the_campaign_list_can_be_filtered_by_stage(client, portal):
    staff = superuser(portal)
    signed_in(client, staff).post(reverse("campaigns:add"), form_data(portal))
    client.get(reverse("campaigns:index"))  # shows (and so clears) the "created" message
    listing = client.get(reverse("campaigns:index") + "?stage=closed").content.decode()
    assert "Faster onboarding" not in listing
    assert "Faster onboarding" in client.get(reverse("campaigns:index") + "?stage=pilot").content.decode()


def test_staff_edit_a_status_label(client, portal):
    staff = superuser(portal)
    response = signed_in(client, staff).post(
        reverse("status_labels:add"), {"status": "shipped", "label": "Live", "description": "You can use it now."}
    )
    assert response.status_code == 302
    assert StatusLabel.objects.get(status="shipped").label == "Live"


def test_the_dashboard_counts_this_weeks_new_ideas_the_viewer_may_see(client, portal):
    editor = with_admin_access(portal.outsider)
    page = signed_in(client, editor).get(reverse("wagtailadmin_home")).content.decode()
    assert "This week&#x27;s new ideas" in page or "This week's new ideas" in page
    assert "1 new idea in the last seven days." in page
    assert portal.public_idea.title in page
    assert PRIVATE_TITLE not in page


def pilot(portal, **fields) -> Campaign:
    now = timezone.now()
    values = {
        "space": portal.private,
        "title": "Partner pilot",
        "slug": "partner-pilot",
        "question": "What slows your integration down?",
        "starts_at": now - timedelta(days=7),
        "ends_at": now + timedelta(days=7),
        "stage": Campaign.Stage.PILOT,
    }
    return Campaign.objects.create(**{**values, **fields})


def test_a_pilot_that_worked_is_widened_to_the_public_space_with_its_ideas(client, portal):
    campaign = pilot(portal)
    portal.private_idea.campaign = campaign
    portal.private_idea.save()
    browser = signed_in(client, superuser(portal))

    listing = browser.get(reverse("campaigns:index")).content.decode()
    response = browser.post(reverse("campaigns:widen", args=[campaign.pk]), {"to_space": portal.public.pk})

    assert reverse("campaigns:widen", args=[campaign.pk]) in listing
    assert response.status_code == 302
    campaign.refresh_from_db()
    portal.private_idea.refresh_from_db()
    assert (campaign.space, campaign.stage) == (portal.public, Campaign.Stage.OPEN)
    assert portal.private_idea.space == portal.public


def test_a_pilot_that_failed_closes_with_its_lessons(client, portal):
    campaign = pilot(portal)
    browser = signed_in(client, superuser(portal))

    response = browser.post(reverse("campaigns:close", args=[campaign.pk]), {"lessons": "Partners wanted a call."})

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.stage, campaign.lessons) == (Campaign.Stage.CLOSED, "Partners wanted a call.")
    assert campaign.ends_at <= timezone.now()


def test_an_editor_who_does_not_moderate_the_space_is_told_on_the_form_and_nothing_changes(client, portal):
    campaign = pilot(portal)
    editor = with_admin_access(portal.outsider)

    response = signed_in(client, editor).post(reverse("campaigns:close", args=[campaign.pk]), {"lessons": "None."})

    assert response.status_code == 200
    assert "moderat" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.stage == Campaign.Stage.PILOT
