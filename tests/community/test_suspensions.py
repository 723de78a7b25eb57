"""Warning and suspending people, lifting suspensions: who may, what is logged, and what a suspension stops."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from community.models import ModerationAction, Notification, Suspension
from community.services.conduct import lift_suspension, suspend_user, warn_user
from ideas.models import Comment, Idea, Vote
from ideas.services import add_comment, cast_vote, submit_idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(slug="product", name="Product")


@pytest.fixture
def other_space():
    return SpaceFactory(slug="other", name="Other")


@pytest.fixture
def moderator(space):
    return MembershipFactory(space=space, role="moderator").user


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def in_days(days: int):
    return timezone.now() + timedelta(days=days)


def actions(kind) -> list[ModerationAction]:
    return list(ModerationAction.objects.filter(action=kind))


def test_a_moderator_warns_a_person_who_is_told_and_it_is_logged(moderator, member, space):
    warn_user(moderator, member, space=space, reason="Please stay on topic.")

    (entry,) = actions(ModerationAction.Action.WARN)
    assert (entry.actor, entry.subject, entry.space, entry.reason) == (
        moderator,
        member,
        space,
        "Please stay on topic.",
    )
    (notification,) = Notification.objects.filter(recipient=member)
    assert notification.kind == Notification.Kind.MODERATION
    assert notification.message == "Please stay on topic."


def test_a_moderator_of_another_space_is_refused_and_it_is_logged(member, space, other_space):
    outsider = MembershipFactory(space=other_space, role="moderator").user

    with pytest.raises(PermissionDenied):
        warn_user(outsider, member, space=space, reason="No.")
    with pytest.raises(PermissionDenied):
        suspend_user(outsider, member, space=space, until=in_days(3), reason="No.")

    refused = actions(ModerationAction.Action.REFUSED)
    assert [(entry.actor, entry.space, entry.after["tried"]) for entry in refused] == [
        (outsider, space, "suspend"),
        (outsider, space, "warn"),
    ]
    assert not Suspension.objects.exists()
    assert not actions(ModerationAction.Action.WARN)


def test_a_suspended_person_cannot_post_vote_or_comment_in_that_space_but_can_elsewhere(
    moderator, member, space, other_space
):
    idea = IdeaFactory(space=space)
    suspend_user(moderator, member, space=space, until=in_days(3), reason="Spam.")

    for attempt in (
        lambda: submit_idea(member, space, "Export reports", "A button."),
        lambda: cast_vote(member, idea),
        lambda: add_comment(member, idea, "Hello"),
    ):
        with pytest.raises(PermissionDenied, match="You are suspended from Product until"):
            attempt()
    assert not Vote.objects.filter(user=member).exists()
    assert not Comment.objects.exists()
    assert submit_idea(member, other_space, "Export reports", "A button.").space == other_space
    (entry,) = actions(ModerationAction.Action.SUSPEND)
    assert (entry.subject, entry.space, entry.reason) == (member, space, "Spam.")
    assert Notification.objects.filter(recipient=member, kind=Notification.Kind.MODERATION).exists()


def test_staff_suspend_from_the_whole_site_and_the_person_is_emailed(staff, member, space, other_space):
    suspend_user(staff, member, until=in_days(3), reason="Abuse.")

    for where in (space, other_space):
        with pytest.raises(PermissionDenied, match="You are suspended from the whole site until"):
            submit_idea(member, where, "Export reports", "A button.")
    assert not Idea.objects.exists()
    assert any(member.email in message.to and "Abuse." in message.body for message in mail.outbox)


def test_only_staff_may_suspend_from_the_whole_site(moderator, member):
    with pytest.raises(PermissionDenied):
        suspend_user(moderator, member, until=in_days(3), reason="Abuse.")

    assert actions(ModerationAction.Action.REFUSED)[0].after == {"tried": "suspend"}
    assert not Suspension.objects.exists()


def test_staff_and_oneself_cannot_be_suspended(moderator, staff, space):
    with pytest.raises(PermissionDenied, match="Staff cannot be suspended"):
        suspend_user(moderator, staff, space=space, until=in_days(3), reason="Revenge.")
    with pytest.raises(ValidationError):
        suspend_user(moderator, moderator, space=space, until=in_days(3), reason="Oops.")
    with pytest.raises(ValidationError):
        suspend_user(moderator, UserFactory(), space=space, until=in_days(-1), reason="In the past.")

    assert not Suspension.objects.exists()


def test_a_suspension_ends_by_itself(moderator, member, space):
    suspension = suspend_user(moderator, member, space=space, until=in_days(3), reason="Spam.")
    Suspension.objects.filter(pk=suspension.pk).update(ends_at=timezone.now() - timedelta(seconds=1))

    assert submit_idea(member, space, "Export reports", "A button.").pk


def test_lifting_a_suspension_restores_posting_and_is_logged(moderator, member, space):
    suspension = suspend_user(moderator, member, space=space, until=in_days(3), reason="Spam.")

    lift_suspension(moderator, suspension, reason="Cleared up.")

    suspension.refresh_from_db()
    assert suspension.lifted_by == moderator
    (entry,) = actions(ModerationAction.Action.LIFT_SUSPENSION)
    assert (entry.subject, entry.reason) == (member, "Cleared up.")
    assert submit_idea(member, space, "Export reports", "A button.").pk
    with pytest.raises(ValidationError):
        lift_suspension(moderator, suspension)


def test_another_space_moderator_cannot_lift_and_it_is_logged(moderator, member, space, other_space):
    suspension = suspend_user(moderator, member, space=space, until=in_days(3), reason="Spam.")
    outsider = MembershipFactory(space=other_space, role="moderator").user

    with pytest.raises(PermissionDenied):
        lift_suspension(outsider, suspension)

    assert actions(ModerationAction.Action.REFUSED)[0].after == {"tried": "lift_suspension"}


# --- The person page ---


def test_the_person_page_shows_trust_suspensions_and_warnings_to_moderators(client, moderator, member, space):
    warn_user(moderator, member, space=space, reason="Stay on topic.")
    suspend_user(moderator, member, space=space, until=in_days(3), reason="Spam again.")
    client.force_login(moderator)

    response = client.get(reverse("community:person_record", args=[member.username]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Trust level: <strong>New</strong>" in html
    assert "Stay on topic." in html
    assert "Spam again." in html
    assert "Lift this suspension" in html
    assert "The whole site" not in html  # a space moderator cannot choose it


def test_the_person_page_is_not_found_for_non_moderators(client, member):
    client.force_login(UserFactory())

    assert client.get(reverse("community:person_record", args=[member.username])).status_code == 404


def test_a_moderator_suspends_for_some_days_through_the_page(client, moderator, member, space):
    client.force_login(moderator)

    response = client.post(
        reverse("community:person_suspend", args=[member.username]),
        {"where": space.pk, "days": 7, "reason": "Spam."},
    )

    assert response.status_code == 302
    suspension = Suspension.objects.get(user=member)
    assert suspension.space == space
    assert abs(suspension.ends_at - in_days(7)) < timedelta(minutes=1)


def test_staff_suspend_from_the_whole_site_until_a_date_through_the_page(client, staff, member):
    client.force_login(staff)
    until = (timezone.now() + timedelta(days=10)).date()

    client.post(
        reverse("community:person_suspend", args=[member.username]),
        {"where": "site", "until": until.isoformat(), "reason": "Abuse."},
    )

    suspension = Suspension.objects.get(user=member)
    assert suspension.space is None
    assert timezone.localtime(suspension.ends_at).date() == until


def test_warning_and_lifting_through_the_page(client, moderator, member, space):
    client.force_login(moderator)
    client.post(reverse("community:person_warn", args=[member.username]), {"space": space.pk, "reason": "Be kind."})
    suspension = suspend_user(moderator, member, space=space, until=in_days(3), reason="Spam.")

    response = client.post(reverse("community:suspension_lift", args=[suspension.pk]), {"reason": ""})

    assert response.status_code == 302
    assert actions(ModerationAction.Action.WARN)[0].reason == "Be kind."
    suspension.refresh_from_db()
    assert suspension.lifted_at is not None


def test_a_space_the_moderator_does_not_moderate_cannot_be_chosen(client, moderator, member, other_space):
    client.force_login(moderator)

    response = client.post(
        reverse("community:person_suspend", args=[member.username]),
        {"where": other_space.pk, "days": 3, "reason": "Spam."},
    )

    assert response.status_code == 400
    assert not Suspension.objects.exists()


def test_a_suspended_person_trying_to_post_on_the_site_is_told_until_when(client, moderator, member, space):
    suspend_user(moderator, member, space=space, until=in_days(3), reason="Spam.")
    client.force_login(member)

    response = client.post(
        reverse("ideas:submit"), {"space": space.slug, "title": "Export reports as CSV", "body": "A button."}
    )

    assert response.status_code == 403
    assert "You are suspended from Product until" in response.content.decode()


def test_the_idea_page_tells_a_suspended_person_why_they_cannot_vote_or_comment(client, moderator, member, space):
    idea = IdeaFactory(space=space)
    suspend_user(moderator, member, space=space, until=in_days(3), reason="Spam.")
    client.force_login(member)

    page = client.get(idea.get_absolute_url()).content.decode()

    assert page.count("You are suspended from Product until") == 2  # by the vote button and the comment form
    assert "Confirm your e-mail address" not in page
