"""A newcomer signs up, confirms the e-mail, signs out and signs in again, in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.markers import transactional_db

pytestmark = [pytest.mark.browser, transactional_db]


def confirmation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def test_sign_up_confirm_sign_out_and_sign_in(page, settings, live_server):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()

    page.get_by_label("Display name").fill("Dana Newcomer")
    page.get_by_label("Email").fill("dana@example.com")
    page.get_by_label("Password:", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_label("Password (again)").fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert [message.to for message in mail.outbox] == [["dana@example.com"]]

    page.goto(confirmation_link(mail.outbox[0]).replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    expect(page.get_by_label("Display name")).to_have_value("Dana Newcomer")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()

    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("Email").fill("dana@example.com")
    page.get_by_label("Password:", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    expect(page.get_by_role("link", name="Account", exact=True)).to_be_visible()


def test_signed_in_member_changes_display_name(page, member, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Sign In").click()

    page.get_by_label("Display name").fill("Zoë 🚀")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    expect(page.get_by_label("Display name")).to_have_value("Zoë 🚀")
