"""An owner invites a partner by e-mail; the partner signs up from the link, confirms the address,
joins the private space and posts an idea there, which an outsider can neither open nor find."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from ideas.models import Idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.markers import transactional_db

pytestmark = [pytest.mark.browser, transactional_db]

PARTNER_PASSWORD = "a-long-and-unusual-passphrase"


@pytest.fixture
def space():
    return SpaceFactory(slug="partners", name="Partner Programme", visibility="private")


@pytest.fixture
def owner(space, password):
    return MembershipFactory(space=space, role="owner", user=UserFactory(username="olivia", password=password)).user


def sign_in(page, user, password):
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def link_in(message, path: str, live_server) -> str:
    return re.search(rf"https?://\S+{path}\S+/", message.body).group(0).replace("http://testserver", live_server.url)


def test_a_partner_joins_from_an_email_invitation_and_shares_an_idea_outsiders_cannot_see(
    page, browser, live_server, settings, owner, password, space
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    settings.SITE_URL = live_server.url

    sign_in(page, owner, password)
    page.goto(reverse("community:members", args=[space.slug]))
    page.get_by_label("E-mail address").fill("partner@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text("An invitation is on its way to partner@example.org.")
    expect(page.get_by_role("row", name="partner@example.org")).to_be_visible()
    (invitation_mail,) = mail.outbox
    assert invitation_mail.to == ["partner@example.org"]

    partner_context = browser.new_context(base_url=live_server.url)
    partner = partner_context.new_page()
    partner.goto(link_in(invitation_mail, "/invitations/", live_server))
    expect(partner.get_by_role("heading", name="You are invited to Partner Programme")).to_be_visible()
    partner.get_by_role("main").get_by_role("link", name="Sign up").click()
    partner.get_by_label("Display name").fill("Pat Partner")
    partner.get_by_label("Email").fill("partner@example.org")
    partner.get_by_label("Password:", exact=True).fill(PARTNER_PASSWORD)
    partner.get_by_label("Password (again)").fill(PARTNER_PASSWORD)
    partner.get_by_role("button", name="Sign Up").click()
    expect(partner.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    confirmation = [message for message in mail.outbox if "confirm-email" in message.body][-1]
    partner.goto(link_in(confirmation, "/accounts/confirm-email/", live_server))
    partner.get_by_role("button", name="Confirm").click()
    expect(partner.get_by_role("heading", name="You are invited to Partner Programme")).to_be_visible()
    partner.get_by_role("button", name="Join Partner Programme").click()
    expect(partner.get_by_role("status")).to_contain_text("Welcome to Partner Programme.")
    assert partner.url == f"{live_server.url}/spaces/partners/"

    partner.goto(reverse("ideas:submit"))
    partner.get_by_label("Space").select_option("partners")
    partner.get_by_label("Title").fill("Reseller price lists by region")
    partner.get_by_label("What gets in your way today?").fill("We rebuild the price list by hand every quarter.")
    partner.get_by_label("Your proposed solution").fill("Export the price list per region.")
    partner.get_by_role("button", name="Post your idea").click()
    expect(partner.get_by_role("heading", level=1)).to_have_text("Reseller price lists by region")
    idea = Idea.objects.get(title="Reseller price lists by region")
    assert (idea.space, idea.author.email) == (space, "partner@example.org")
    partner_context.close()

    outsider_context = browser.new_context(base_url=live_server.url)
    outsider = outsider_context.new_page()
    sign_in(outsider, UserFactory(password=password), password)
    assert outsider.goto(idea.get_absolute_url()).status == 404
    assert outsider.goto(reverse("ideas:list")).status == 200
    expect(outsider.get_by_text("Reseller price lists by region")).to_have_count(0)
    assert outsider.goto(reverse("community:members", args=[space.slug])).status == 404
    outsider_context.close()


def test_the_members_page_has_no_serious_accessibility_violations(page, axe_violations, owner, password, space):
    MembershipFactory(space=space, role="member")
    sign_in(page, owner, password)
    page.goto(reverse("community:members", args=[space.slug]))
    page.get_by_label("E-mail address").fill("partner@example.org")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_role("button", name="Create link").click()
    expect(page.get_by_role("textbox", name="Invitation link")).to_be_visible()

    assert page.locator("main#main h1").is_visible()
    assert axe_violations(page) == []
