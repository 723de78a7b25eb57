"""Signing in by e-mail: wrong passwords, the brute-force limits, and a fresh session."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from tests.community.factories import UserFactory
from tests.community.journeys import can_open_profile, log_in, signed_in_user_id

pytestmark = pytest.mark.django_db

WRONG_CREDENTIALS = "The email address and/or password you specified are not correct."
TOO_MANY_ATTEMPTS = "Too many failed login attempts. Try again later."


def main_content(response, email) -> str:
    """The page's <main> with the typed address and the per-request CSRF token left out."""
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main).replace(email, "<address>")


def form_errors(response) -> list[str]:
    return response.context["form"].non_field_errors()


def test_the_right_password_signs_in_and_lands_on_the_profile(client, member, password):
    response = log_in(client, member.email, password)

    assert response.status_code == 302
    assert response["Location"] == reverse("community:profile")
    assert signed_in_user_id(client) == member.pk
    assert can_open_profile(client)


def test_a_wrong_password_is_refused(client, member):
    response = log_in(client, member.email, "not-the-password")

    assert response.status_code == 200
    assert form_errors(response) == [WRONG_CREDENTIALS]
    assert WRONG_CREDENTIALS in response.content.decode()
    assert signed_in_user_id(client) is None
    assert not can_open_profile(client)


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(member):
    unknown = log_in(Client(), "nobody@example.com", "not-the-password")
    wrong = log_in(Client(), member.email, "not-the-password")

    assert unknown.status_code == wrong.status_code == 200
    assert form_errors(unknown) == form_errors(wrong) == [WRONG_CREDENTIALS]
    assert main_content(unknown, "nobody@example.com") == main_content(wrong, member.email)


def test_an_unknown_email_costs_the_same_password_hashing_as_a_wrong_password(member, hashings):
    before = hashings.calls
    log_in(Client(), member.email, "not-the-password")
    for_a_member = hashings.calls - before

    before = hashings.calls
    log_in(Client(), "nobody@example.com", "not-the-password")

    assert hashings.calls - before == for_a_member == 1


def test_after_five_failures_even_the_right_password_is_refused(client, member, password):
    for _attempt in range(5):
        assert form_errors(log_in(client, member.email, "guess")) == [WRONG_CREDENTIALS]

    response = log_in(client, member.email, password)

    assert response.status_code == 200
    assert form_errors(response) == [TOO_MANY_ATTEMPTS]
    assert TOO_MANY_ATTEMPTS in response.content.decode()
    assert signed_in_user_id(client) is None
    # Another browser gets no further: the limit is the account's, not the session's.
    assert form_errors(log_in(Client(), member.email, password)) == [TOO_MANY_ATTEMPTS]


def test_changing_the_case_of_the_email_does_not_reset_the_count(client, member, password):
    for attempt in range(5):
        spelling = member.email.upper() if attempt % 2 else member.email
        log_in(client, spelling, "guess")

    assert form_errors(log_in(client, member.email.title(), password)) == [TOO_MANY_ATTEMPTS]


def test_the_failure_limit_of_one_account_does_not_lock_out_another(client, member, password):
    other = UserFactory(password=password)
    for _attempt in range(5):
        log_in(client, member.email, "guess")

    response = log_in(client, other.email, password)

    assert response.status_code == 302
    assert signed_in_user_id(client) == other.pk


def test_ten_failures_a_minute_from_one_address_stop_that_address_trying_any_account(client, password):
    people = UserFactory.create_batch(4, password=password)
    for attempt in range(10):
        log_in(client, people[attempt % 3].email, "guess")

    response = log_in(client, people[3].email, password)

    assert response.status_code == 200
    assert form_errors(response) == [TOO_MANY_ATTEMPTS]
    assert signed_in_user_id(client) is None


def test_signing_in_gives_the_browser_a_new_session_key(client, member, password):
    session = client.session
    session["visited"] = True
    session.save()
    key_before = client.session.session_key

    log_in(client, member.email, password)

    key_after = client.session.session_key
    assert key_after != key_before
    assert not SessionStore().exists(key_before), "a planted session key must not become a signed-in one"
    assert signed_in_user_id(client) == member.pk
