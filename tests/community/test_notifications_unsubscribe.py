"""Stopping notification e-mails: the one-click link in every e-mail, and the profile page."""

import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from community.models import Notification, Profile, User
from community.services import notify
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

PROFILE = reverse("community:profile")


def frequency_of(user: User) -> str:
    return Profile.objects.get(user=user).email_frequency


@pytest.fixture
def unsubscribe_url(member) -> str:
    """The unsubscribe address of an e-mail `member` received (a daily digest)."""
    Profile.objects.filter(user=member).update(email_frequency=Profile.EmailFrequency.DAILY)
    idea = IdeaFactory(author=member)
    notify(
        User.objects.filter(pk=member.pk),
        space=idea.space,
        kind=Notification.Kind.STATUS_CHANGE,
        target=idea,
        subject=idea.title,
        url=idea.get_absolute_url(),
    )
    call_command("send_notification_digests", verbosity=0)
    [email] = mail.outbox
    address = re.search(r"<https?://[^/]+(/.+)>", email.extra_headers["List-Unsubscribe"]).group(1)
    assert address in email.body
    return address


def test_opening_the_link_asks_first_and_changes_nothing(client, member, unsubscribe_url):
    response = client.get(unsubscribe_url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Stop e-mails?" in html
    assert re.search(r'<form method="post">', html)
    assert frequency_of(member) == Profile.EmailFrequency.DAILY


def test_confirming_stops_the_emails(client, member, unsubscribe_url):
    response = client.post(unsubscribe_url)

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert frequency_of(member) == Profile.EmailFrequency.NEVER


def test_a_mail_programs_one_click_post_works_without_a_session_or_csrf_token(member, unsubscribe_url):
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert frequency_of(member) == Profile.EmailFrequency.NEVER


def test_unsubscribing_keeps_in_app_notifications(client, member, unsubscribe_url):
    client.post(unsubscribe_url)
    client.force_login(member)

    response = client.get(reverse("community:notifications"))

    assert len(re.findall(r'class="notification[ "]', response.content.decode())) == 1


@pytest.mark.parametrize(
    "forge",
    [
        lambda token, victim: "not-a-token",
        lambda token, victim: token[:-2] + ("aa" if not token.endswith("aa") else "bb"),
        lambda token, victim: signing.dumps(victim.pk),  # signed, but not for unsubscribing
        lambda token, victim: signing.dumps(victim.pk, salt="community.notifications.unsubscribe", key="guessed"),
    ],
)
def test_a_forged_link_is_refused_and_changes_nothing(client, member, unsubscribe_url, django_user_model, forge):
    victim = django_user_model.objects.create(username="victim", email="victim@example.com")
    Profile.objects.create(user=victim, display_name="Victim")
    token = unsubscribe_url.rstrip("/").rsplit("/", 1)[1]
    forged = reverse("community:unsubscribe", args=[forge(token, victim)])

    for response in (client.get(forged), client.post(forged)):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert frequency_of(victim) == Profile.EmailFrequency.IMMEDIATELY
    assert frequency_of(member) == Profile.EmailFrequency.DAILY


def test_the_link_of_a_deleted_account_is_refused(client, member, unsubscribe_url):
    member.delete()

    assert client.post(unsubscribe_url).status_code == 400


def test_the_profile_page_offers_the_email_preference(client, member):
    client.force_login(member)

    html = client.get(PROFILE).content.decode()

    assert "E-mail me about ideas I follow" in html
    for label in ("Immediately", "In a daily digest", "Never"):
        assert label in html
    assert re.search(r'<input type="radio" name="email_frequency" value="immediately"[^>]*checked', html)


def test_the_profile_page_saves_the_email_preference(client, member):
    client.force_login(member)

    response = client.post(PROFILE, {"display_name": "Pat", "email_frequency": "daily"}, follow=True)

    assert "Your profile is saved." in response.content.decode()
    assert frequency_of(member) == Profile.EmailFrequency.DAILY
    assert re.search(r'value="daily"[^>]*checked', response.content.decode())


def test_saving_only_the_name_keeps_the_email_preference(client, member):
    Profile.objects.filter(user=member).update(email_frequency=Profile.EmailFrequency.NEVER)
    client.force_login(member)

    client.post(PROFILE, {"display_name": "Pat"})

    assert frequency_of(member) == Profile.EmailFrequency.NEVER


def test_an_unknown_preference_is_refused(client, member):
    client.force_login(member)

    response = client.post(PROFILE, {"display_name": "Pat", "email_frequency": "hourly"})

    assert response.status_code == 200
    assert response.context["form"].errors["email_frequency"]
    assert frequency_of(member) == Profile.EmailFrequency.IMMEDIATELY
