"""Two-factor sign-in: turning on an authenticator app, and what signing in then takes."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.test import Client
from django.urls import reverse

from tests.community.factories import UserFactory
from tests.community.journeys import (
    can_open_profile,
    current_totp_code,
    log_in,
    signed_in_user_id,
    wrong_totp_code,
)

pytestmark = pytest.mark.django_db

ACTIVATE = reverse("mfa_activate_totp")
AUTHENTICATE = reverse("mfa_authenticate")
RECOVERY_CODES = reverse("mfa_view_recovery_codes")
INCORRECT_CODE = "Incorrect code."
UNVERIFIED = "You cannot activate two-factor authentication until you have verified your email address."


def open_activation_page(client, password):
    """The page with the secret to type into an authenticator app; asks for the password if the sign-in is stale."""
    response = client.get(ACTIVATE)
    if response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate")):
        assert client.post(response["Location"], {"password": password}).status_code == 302
        response = client.get(ACTIVATE)
    assert response.status_code == 200
    return response


def enable_totp(client, password) -> tuple[str, list[str]]:
    """Turn on an authenticator app; returns its secret and the recovery codes shown afterwards."""
    page = open_activation_page(client, password)
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page.content.decode(), "the secret must be shown for typing into an app"

    response = client.post(ACTIVATE, {"code": current_totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == RECOVERY_CODES
    codes_page = client.get(RECOVERY_CODES)
    codes = codes_page.context["unused_codes"]
    assert all(code in codes_page.content.decode() for code in codes)
    return secret, codes


@pytest.fixture
def two_factor_member(member, password):
    """`member`, who signed in and turned on an authenticator app; yields (member, secret, recovery codes)."""
    browser = Client()
    log_in(browser, member.email, password)
    secret, codes = enable_totp(browser, password)
    return member, secret, codes


def password_step(client, email, password):
    response = log_in(client, email, password)
    assert response.status_code == 302
    assert response["Location"] == AUTHENTICATE
    return response


def test_a_verified_member_turns_on_an_authenticator_app_and_gets_recovery_codes(client, member, password):
    log_in(client, member.email, password)

    _secret, codes = enable_totp(client, password)

    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).count() == 1
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.RECOVERY_CODES).count() == 1
    assert len(codes) == 10
    assert len(set(codes)) == 10


def test_turning_on_an_app_asks_for_the_password_again_when_the_sign_in_is_not_fresh(client, member, password):
    client.force_login(member)  # a session with no record of when the password was last typed

    response = client.get(ACTIVATE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.post(response["Location"], {"password": "not-the-password"}).status_code == 200
    assert client.get(ACTIVATE).status_code == 302
    enable_totp(client, password)
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


def test_a_wrong_code_does_not_turn_on_the_app(client, member, password):
    log_in(client, member.email, password)
    open_activation_page(client, password)
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post(ACTIVATE, {"code": wrong_totp_code(secret)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [INCORRECT_CODE]
    assert not Authenticator.objects.filter(user=member).exists()


def test_a_member_with_an_unverified_address_cannot_turn_on_two_factor(client, password, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"  # the only way an unverified member is signed in
    unverified = UserFactory(password=password, email_verified=False)
    assert log_in(client, unverified.email, password)["Location"] == reverse("community:profile")

    response = client.get(ACTIVATE, follow=True)

    assert response.redirect_chain == [(reverse("mfa_index"), 302)]
    assert UNVERIFIED in response.content.decode()
    response = client.post(ACTIVATE, {"code": current_totp_code("JBSWY3DPEHPK3PXP")})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")
    assert not Authenticator.objects.filter(user=unverified).exists()


def test_with_two_factor_on_the_password_alone_does_not_sign_in(client, two_factor_member, password):
    member, _secret, _codes = two_factor_member

    password_step(client, member.email, password)

    assert signed_in_user_id(client) is None
    assert not can_open_profile(client)
    page = client.get(AUTHENTICATE)
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()


def test_the_code_from_the_app_completes_sign_in_with_a_new_session_key(client, two_factor_member, password):
    member, secret, _codes = two_factor_member
    password_step(client, member.email, password)
    key_at_code_step = client.session.session_key

    response = client.post(AUTHENTICATE, {"code": current_totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("community:profile")
    assert signed_in_user_id(client) == member.pk
    assert client.session.session_key != key_at_code_step
    assert can_open_profile(client)


def test_a_wrong_code_does_not_sign_in(client, two_factor_member, password):
    member, secret, _codes = two_factor_member
    password_step(client, member.email, password)

    response = client.post(AUTHENTICATE, {"code": wrong_totp_code(secret)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [INCORRECT_CODE]
    assert signed_in_user_id(client) is None
    assert not can_open_profile(client)


def test_the_code_step_cannot_be_reached_without_the_password(client, two_factor_member):
    _member, secret, _codes = two_factor_member

    response = client.post(AUTHENTICATE, {"code": current_totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert signed_in_user_id(client) is None


def test_an_app_code_works_only_once(two_factor_member, password):
    member, secret, _codes = two_factor_member
    code = current_totp_code(secret)
    first = Client()
    password_step(first, member.email, password)
    assert first.post(AUTHENTICATE, {"code": code})["Location"] == reverse("community:profile")

    replay = Client()
    password_step(replay, member.email, password)
    response = replay.post(AUTHENTICATE, {"code": code})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [INCORRECT_CODE]
    assert signed_in_user_id(replay) is None


def test_a_recovery_code_signs_in_once(two_factor_member, password):
    member, _secret, codes = two_factor_member
    first = Client()
    password_step(first, member.email, password)

    response = first.post(AUTHENTICATE, {"code": codes[0]})

    assert response.status_code == 302
    assert signed_in_user_id(first) == member.pk

    again = Client()
    password_step(again, member.email, password)
    response = again.post(AUTHENTICATE, {"code": codes[0]})
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [INCORRECT_CODE]
    assert signed_in_user_id(again) is None

    response = again.post(AUTHENTICATE, {"code": codes[1]})
    assert response.status_code == 302
    assert signed_in_user_id(again) == member.pk
    recovery = Authenticator.objects.get(user=member, type=Authenticator.Type.RECOVERY_CODES)
    assert codes[0] not in recovery.wrap().get_unused_codes()
