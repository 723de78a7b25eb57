"""Campaigns: their dates and cap decide who may post to them; editors widen a pilot that worked
(its ideas, votes and history go along) or close it with its lessons."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from community.models import Membership, ModerationAction, Space
from ideas.models import Campaign, Idea, StatusChange, Vote
from ideas.services import (
    change_status,
    close_campaign,
    create_campaign,
    set_campaign_stage,
    submit_idea,
    update_campaign,
    widen_campaign,
)
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory, VoteFactory
from tests.ideas.pages import portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def campaign_in(space: Space, *, opened=-1, closes=7, **fields) -> Campaign:
    """A campaign opened `opened` days from now, closing `closes` days from now."""
    now = timezone.now()
    defaults = {
        "title": "Make reporting painless",
        "slug": f"reporting-{space.slug}",
        "question": "What slows your monthly reporting down?",
        "stage": Campaign.Stage.OPEN,
    }
    return Campaign.objects.create(
        space=space,
        starts_at=now + timedelta(days=opened),
        ends_at=now + timedelta(days=closes),
        **{**defaults, **fields},
    )


def post(author, space, campaign, title="Export the report as a PDF"):
    return submit_idea(author, space, title, "Please.", campaign=campaign)


def campaign_error(excinfo) -> str:
    return " ".join(excinfo.value.message_dict["campaign"])


@pytest.fixture
def space():
    return SpaceFactory(slug="product")


def test_an_open_campaign_takes_ideas(space, member):
    campaign = campaign_in(space)
    idea = post(member, space, campaign)
    assert Idea.objects.get(pk=idea.pk).campaign == campaign


def test_a_campaign_that_has_not_opened_yet_refuses_ideas(space, member):
    campaign = campaign_in(space, opened=2, closes=9)
    with pytest.raises(ValidationError) as excinfo:
        post(member, space, campaign)
    assert "opens on" in campaign_error(excinfo)
    assert not Idea.objects.exists()


def test_a_campaign_closes_by_itself_after_its_end_date(space, member):
    campaign = campaign_in(space, opened=-9, closes=-1)
    with pytest.raises(ValidationError) as excinfo:
        post(member, space, campaign)
    assert "closed" in campaign_error(excinfo)


@pytest.mark.parametrize("stage", [Campaign.Stage.REVIEW, Campaign.Stage.CLOSED])
def test_a_campaign_in_review_or_closed_refuses_ideas_within_its_dates(space, member, stage):
    with pytest.raises(ValidationError):
        post(member, space, campaign_in(space, stage=stage))


def test_a_campaign_takes_ideas_only_in_its_own_space(space, member):
    campaign = campaign_in(space)
    other = SpaceFactory(slug="other")
    with pytest.raises(ValidationError) as excinfo:
        post(member, other, campaign)
    assert "another space" in campaign_error(excinfo)


def test_a_pilot_with_a_cap_turns_away_newcomers_once_full_but_not_its_participants(space):
    campaign = campaign_in(space, stage=Campaign.Stage.PILOT, participant_cap=2)
    first, second, late = UserFactory(), UserFactory(), UserFactory()
    post(first, space, campaign, "First idea of the pilot")
    post(second, space, campaign, "Second idea of the pilot")

    post(first, space, campaign, "Another idea from the first participant")
    with pytest.raises(ValidationError) as excinfo:
        post(late, space, campaign, "Too late for the pilot")

    assert "full" in campaign_error(excinfo)
    assert Idea.objects.filter(campaign=campaign).count() == 3


@pytest.fixture
def pilot():
    private = SpaceFactory(slug="pilot-group", visibility=Space.Visibility.PRIVATE)
    return campaign_in(private, stage=Campaign.Stage.PILOT, participant_cap=10)


def test_widening_a_pilot_takes_its_ideas_votes_and_history_to_the_new_space(pilot, space):
    staff = UserFactory(is_staff=True)
    ideas = IdeaFactory.create_batch(2, space=pilot.space, campaign=pilot)
    VoteFactory(idea=ideas[0])
    change_status(staff, ideas[0], Idea.Status.PLANNED, "We will build it.")
    elsewhere = IdeaFactory(space=pilot.space)

    widen_campaign(staff, pilot, space)

    pilot.refresh_from_db()
    assert (pilot.space, pilot.stage) == (space, Campaign.Stage.OPEN)
    assert set(Idea.objects.filter(space=space).values_list("pk", flat=True)) == {idea.pk for idea in ideas}
    assert Idea.objects.get(pk=elsewhere.pk).space.slug == "pilot-group"
    assert Vote.objects.filter(idea=ideas[0]).count() == 1
    assert Idea.objects.get(pk=ideas[0].pk).vote_count == 1
    assert StatusChange.objects.get(idea=ideas[0]).message == "We will build it."
    logged = ModerationAction.objects.get(
        action=ModerationAction.Action.MOVE, target_id=pilot.pk, target_label=pilot.title
    )
    assert (logged.before["space"], logged.after["space"], logged.after["ideas"]) == ("pilot-group", "product", 2)


def test_widening_needs_a_moderator_of_both_spaces(pilot, space):
    moderator = MembershipFactory(space=pilot.space, role=Membership.Role.MODERATOR).user
    MembershipFactory(space=space, user=moderator)
    IdeaFactory(space=pilot.space, campaign=pilot)

    with pytest.raises(PermissionDenied):
        widen_campaign(moderator, pilot, space)

    assert Campaign.objects.get(pk=pilot.pk).space == pilot.space
    assert Idea.objects.filter(space=space).count() == 0
    refusal = ModerationAction.objects.get(action=ModerationAction.Action.REFUSED)
    assert (refusal.actor, refusal.after) == (moderator, {"tried": ModerationAction.Action.MOVE})


def test_closing_records_the_lessons_and_stops_submissions_now(pilot):
    moderator = MembershipFactory(space=pilot.space, role=Membership.Role.MODERATOR).user

    close_campaign(moderator, pilot, lessons="Too few partners had the time in December.")

    pilot.refresh_from_db()
    assert pilot.stage == Campaign.Stage.CLOSED
    assert pilot.lessons == "Too few partners had the time in December."
    assert pilot.ends_at <= timezone.now()
    logged = ModerationAction.objects.get(action=ModerationAction.Action.EDIT, actor=moderator)
    assert (logged.before["stage"], logged.after["stage"]) == ("pilot", "closed")
    with pytest.raises(ValidationError):
        post(moderator, pilot.space, pilot)


def test_closing_without_lessons_is_refused(pilot):
    with pytest.raises(ValidationError) as excinfo:
        close_campaign(UserFactory(is_staff=True), pilot, lessons="  ")
    assert "lessons" in excinfo.value.message_dict
    assert Campaign.objects.get(pk=pilot.pk).stage == Campaign.Stage.PILOT


def test_a_member_cannot_change_a_campaigns_stage(pilot):
    member = MembershipFactory(space=pilot.space).user
    with pytest.raises(PermissionDenied):
        set_campaign_stage(member, pilot, Campaign.Stage.OPEN)
    assert Campaign.objects.get(pk=pilot.pk).stage == Campaign.Stage.PILOT


def test_a_moderator_creates_and_edits_a_campaign_and_both_are_logged(space):
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).user
    now = timezone.now()
    campaign = create_campaign(
        moderator,
        space=space,
        title="Faster onboarding",
        slug="onboarding",
        question="What did you struggle with in your first week?",
        starts_at=now,
        ends_at=now + timedelta(days=30),
    )
    update_campaign(moderator, campaign, participant_cap=20)

    assert (campaign.stage, Campaign.objects.get(slug="onboarding").participant_cap) == (Campaign.Stage.PILOT, 20)
    edits = ModerationAction.objects.filter(action=ModerationAction.Action.EDIT, target_id=campaign.pk)
    assert [entry.after.get("participant_cap") for entry in edits.order_by("pk")] == [None, 20]


def test_a_campaign_must_close_after_it_opens(space):
    now = timezone.now()
    with pytest.raises(ValidationError) as excinfo:
        create_campaign(
            UserFactory(is_staff=True),
            space=space,
            title="Backwards",
            slug="back",
            question="?",
            starts_at=now,
            ends_at=now - timedelta(days=1),
        )
    assert "ends_at" in excinfo.value.message_dict


def test_the_submit_form_shows_the_campaigns_question_and_preselects_its_space(client, portal):
    campaign = campaign_in(portal.private)
    page = signed_in(client, portal.member).get(reverse("ideas:submit") + f"?campaign={campaign.slug}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "What slows your monthly reporting down?" in html
    assert f'<option value="{portal.private.slug}" selected' in html
    assert f'name="campaign" value="{campaign.slug}"' in html


def test_a_campaign_the_viewer_cannot_see_is_not_found(client, portal):
    campaign = campaign_in(portal.private)
    page = signed_in(client, portal.outsider).get(reverse("ideas:submit") + f"?campaign={campaign.slug}")
    assert page.status_code == 404
    assert campaign.question not in page.content.decode()


def test_a_closed_campaign_says_so_on_the_submit_form(client, portal):
    campaign = campaign_in(portal.public, opened=-9, closes=-1)
    html = signed_in(client, portal.outsider).get(reverse("ideas:submit") + f"?campaign={campaign.slug}")
    assert "does not take ideas now" in html.content.decode()
    assert 'name="campaign" value=' not in html.content.decode()


def test_posting_through_the_form_files_the_idea_under_the_campaign(client, portal):
    campaign = campaign_in(portal.public)
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:submit"),
        {"space": portal.public.slug, "campaign": campaign.slug, "title": "Schedule the report", "body": "Weekly."},
    )
    assert response.status_code == 302
    assert Idea.objects.get(title="Schedule the report").campaign == campaign


def test_posting_to_a_campaign_that_closed_meanwhile_keeps_the_text_and_says_why(client, portal):
    campaign = campaign_in(portal.public, opened=-9, closes=-1)
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:submit"),
        {"space": portal.public.slug, "campaign": campaign.slug, "title": "Schedule the report", "body": "Weekly."},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "This campaign is closed" in html
    assert "Schedule the report" in html
    assert not Idea.objects.filter(title="Schedule the report").exists()


def test_the_api_names_an_ideas_campaign(client, portal):
    campaign = campaign_in(portal.public)
    Idea.objects.filter(pk=portal.public_idea.pk).update(campaign=campaign)
    [listed] = signed_in(client, portal.outsider).get("/api/v1/ideas/").json()["results"]
    assert listed["campaign"] == campaign.slug
