"""Resetting a forgotten password by e-mail: one link, used once, told to no stranger."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.community.journeys import NEW_PASSWORD, log_in, mails_to, only_link_in, paths_in, signed_in_user_id

pytestmark = pytest.mark.django_db

RESET = reverse("account_reset_password")
RESET_DONE = reverse("account_reset_password_done")
RESET_KEY_PATH = "/accounts/password/reset/key/"


def request_reset(client, email):
    response = client.post(RESET, {"email": email})
    assert response.status_code == 302
    return response


def reset_link_sent_to(email) -> str:
    (message,) = mails_to(email)
    return only_link_in(message, RESET_KEY_PATH)


def set_password_through(client, link, new_password=NEW_PASSWORD):
    """Open the e-mailed link and fill in the form it leads to; returns the form's answer."""
    opened = client.get(link, follow=True)
    assert opened.status_code == 200
    form_path = opened.redirect_chain[-1][0] if opened.redirect_chain else link
    return client.post(form_path, {"password1": new_password, "password2": new_password})


def main_content(response, email="") -> str:
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    return main.replace(email, "<address>") if email else main


def test_the_emailed_link_sets_a_new_password_and_the_old_one_stops_working(client, member, password):
    request_reset(client, member.email)
    link = reset_link_sent_to(member.email)

    response = set_password_through(client, link)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    assert signed_in_user_id(client) is None, "a reset does not sign in by itself"
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    old_browser = Client()
    assert log_in(old_browser, member.email, password).status_code == 200
    assert signed_in_user_id(old_browser) is None
    new_browser = Client()
    assert log_in(new_browser, member.email, NEW_PASSWORD)["Location"] == reverse("community:profile")
    assert signed_in_user_id(new_browser) == member.pk


def test_the_link_works_only_once(client, member):
    request_reset(client, member.email)
    link = reset_link_sent_to(member.email)
    set_password_through(client, link)

    stranger = Client()
    reopened = stranger.get(link, follow=True)
    response = set_password_through(stranger, link, new_password="a-stranger-chose-this-99")

    assert reopened.context["token_fail"] is True
    assert "Bad Token" in reopened.content.decode()
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not member.check_password("a-stranger-chose-this-99")


def test_the_link_is_void_once_the_password_was_changed_another_way(client, member, password):
    request_reset(client, member.email)
    link = reset_link_sent_to(member.email)
    log_in(client, member.email, password)
    changed = client.post(
        reverse("account_change_password"),
        {"oldpassword": password, "password1": "changed-while-signed-in-7", "password2": "changed-while-signed-in-7"},
    )
    assert changed.status_code == 302

    response = set_password_through(Client(), link)

    assert response.status_code == 200
    member.refresh_from_db()
    assert member.check_password("changed-while-signed-in-7")


def test_an_unknown_email_gets_the_same_page_and_no_reset_link_goes_anywhere(member):
    known_browser, again_browser, unknown_browser = Client(), Client(), Client()
    known = request_reset(known_browser, member.email)
    again = request_reset(again_browser, member.email)
    mail.outbox.clear()

    unknown = request_reset(unknown_browser, "nobody@example.com")

    assert known["Location"] == again["Location"] == unknown["Location"] == RESET_DONE
    unknown_page = main_content(unknown_browser.get(RESET_DONE), "nobody@example.com")
    assert unknown_page == main_content(known_browser.get(RESET_DONE), member.email)
    assert unknown_page == main_content(again_browser.get(RESET_DONE), member.email)
    assert all(message.to == ["nobody@example.com"] for message in mail.outbox)
    assert not any(RESET_KEY_PATH in path for message in mail.outbox for path in paths_in(message))
