"""Signing up: the confirmation e-mail, the profile it creates, and what it refuses."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.forms import SignupForm as SocialSignupForm
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from community.models import Profile, User
from tests.community.journeys import (
    NEW_PASSWORD,
    can_open_profile,
    log_in,
    mails_to,
    only_link_in,
    paths_in,
    sign_up,
    signed_in_user_id,
)
from tests.markers import transactional_db
from tests.worker import run_worker

pytestmark = pytest.mark.django_db

CONFIRM_PATH = "/accounts/confirm-email/"


def main_content(response, email) -> str:
    """The page's <main>, which is what a person reads (no per-request CSRF tokens or nonces)."""
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    return main.replace(email.lower(), "<address>")


def confirm_address_from_mail(client, email):
    """Open the link of the confirmation e-mail, then press the button on the page it shows."""
    (message,) = mails_to(email)
    link = only_link_in(message, CONFIRM_PATH)
    page = client.get(link)
    assert page.status_code == 200
    assert re.search(r'<form method="post"\s+action="/accounts/confirm-email/', page.content.decode())
    return client.post(link)


def test_sign_up_sends_a_confirmation_link_that_verifies_the_address(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"

    response = sign_up(client, email="zoe@example.com")

    assert response.status_code == 302
    (message,) = mails_to("zoe@example.com")
    assert "Confirm" in message.subject
    address = EmailAddress.objects.get(email="zoe@example.com")
    assert not address.verified

    link = only_link_in(message, CONFIRM_PATH)
    browser = Client()
    page = browser.get(link)
    assert page.status_code == 200
    assert "zoe@example.com" in page.content.decode()
    address.refresh_from_db()
    assert not address.verified, "opening the link alone must not confirm (mail scanners open links)"

    assert browser.post(link).status_code == 302
    address.refresh_from_db()
    assert address.verified


def test_a_confirmed_new_member_signs_in_by_email_and_reaches_their_profile(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    sign_up(client, email="zoe@example.com", display_name="Zoë Example")
    confirm_address_from_mail(Client(), "zoe@example.com")

    browser = Client()
    response = log_in(browser, "zoe@example.com", NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("community:profile")
    profile_page = browser.get(reverse("community:profile"))
    assert profile_page.status_code == 200
    assert 'value="Zoë Example"' in profile_page.content.decode()


def test_sign_up_creates_the_profile_with_the_display_name_given(client):
    sign_up(client, email="zoe@example.com", display_name="  Zoë 🚀 Example  ")

    user = User.objects.get(email="zoe@example.com")
    assert user.profile.display_name == "Zoë 🚀 Example"
    assert user.profile.segment == Profile.Segment.CUSTOMER


def test_the_display_name_is_stored_composed_so_equal_looking_names_are_equal(client):
    decomposed = "Zoe\u0308"  # "e" followed by a combining diaeresis
    sign_up(client, email="zoe@example.com", display_name=decomposed)

    assert User.objects.get(email="zoe@example.com").profile.display_name == "Zo\u00eb"


def test_with_mandatory_verification_an_unconfirmed_member_cannot_sign_in_until_they_confirm(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    response = sign_up(client, email="zoe@example.com")

    assert response.status_code == 302
    assert response["Location"] == CONFIRM_PATH
    assert signed_in_user_id(client) is None
    assert not can_open_profile(client)

    browser = Client()
    response = log_in(browser, "zoe@example.com", NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == CONFIRM_PATH
    assert signed_in_user_id(browser) is None
    assert not can_open_profile(browser)

    confirm_address_from_mail(Client(), "zoe@example.com")

    response = log_in(browser, "zoe@example.com", NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("community:profile")
    assert signed_in_user_id(browser) == User.objects.get(email="zoe@example.com").pk
    assert can_open_profile(browser)


@pytest.mark.parametrize(
    "display_name",
    [
        pytest.param("Zoë\u202eelpmaxE", id="right-to-left-override"),
        pytest.param("Zoë\u200bExample", id="zero-width-space"),
        pytest.param("Zoë\x07Example", id="control-character"),
    ],
)
def test_sign_up_refuses_display_names_with_hidden_characters_and_creates_nothing(client, display_name):
    response = sign_up(client, email="zoe@example.com", display_name=display_name)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["display_name"] == [
        "Remove invisible or control characters (such as direction overrides or zero-width spaces)."
    ]
    assert "Remove invisible or control characters" in response.content.decode()
    assert not User.objects.filter(email="zoe@example.com").exists()
    assert not EmailAddress.objects.filter(email="zoe@example.com").exists()
    assert mail.outbox == []


def answer_to_sign_up(email, **fields) -> tuple[int, str, str]:
    """What a visitor learns from signing up with `email`: the status, where it sends them, and
    the page there (with the address they typed left out)."""
    browser = Client()
    response = sign_up(browser, email=email, **fields)
    return response.status_code, response["Location"], main_content(browser.get(response["Location"]), email)


def test_sign_up_with_a_registered_email_answers_as_for_a_new_one_also_when_tried_again(settings, member):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    new = answer_to_sign_up("someone-new@example.com")

    assert new[:2] == (302, CONFIRM_PATH)
    assert answer_to_sign_up(member.email.upper(), display_name="Impostor") == new
    assert answer_to_sign_up(member.email) == new


def test_sign_up_with_a_registered_email_hashes_the_password_as_for_a_new_one(settings, member, hashings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    before = hashings.calls
    sign_up(Client(), email="someone-new@example.com")
    for_a_new_address = hashings.calls - before

    before = hashings.calls
    sign_up(Client(), email=member.email)
    for_a_registered_address = hashings.calls - before

    assert for_a_registered_address == for_a_new_address == 1


@transactional_db
def test_the_owner_of_a_registered_email_hears_once_through_the_queue_and_keeps_their_account(
    settings, member, password
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.EMAIL_BACKEND = "portal.queued_mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    for email in (member.email.upper(), member.email):
        sign_up(Client(), email=email, display_name="Impostor", password="a-strangers-passphrase-7")
    assert mail.outbox == []
    run_worker()

    (notice,) = mail.outbox
    assert notice.to == [member.email]
    assert notice.subject == "[Groundswell] Someone tried to sign up with your e-mail address"
    assert "you already have an account" in notice.body
    assert [path for path in paths_in(notice) if path.startswith("/accounts/")] == [reverse("account_reset_password")]
    assert User.objects.filter(email__iexact=member.email).count() == 1
    assert EmailAddress.objects.filter(email__iexact=member.email).count() == 1
    member.refresh_from_db()
    assert member.check_password(password)
    assert member.profile.display_name != "Impostor"


def test_the_social_sign_up_form_which_asks_no_display_name_still_creates_the_account(client):
    # No provider is configured in tests, so allauth's form for a pending social sign-up
    # (shown when the provider gives no usable e-mail) is saved as its view saves it.
    sociallogin = SocialLogin(user=User(), account=SocialAccount(provider="openid_connect", uid="subject-123"))
    form = SocialSignupForm(data={"email": "sso@example.com"}, sociallogin=sociallogin)
    assert form.is_valid(), form.errors
    request = RequestFactory().post(reverse("socialaccount_signup"))
    request.session = SessionStore()

    user = form.save(request)

    assert SocialAccount.objects.get(uid="subject-123").user == user
    client.force_login(user)
    assert f'value="{user.username}"' in client.get(reverse("community:profile")).content.decode()
