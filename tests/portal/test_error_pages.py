"""Refusals and failures answer with the site's own page: its header, a heading, the reason where our
code wrote it, and a way on; an htmx request gets the message alone; the API keeps its JSON."""

from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community import services
from community.models import Invitation
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.community.journeys import mails_to
from tests.portal.error_urls import INTERNALS, REASON

pytestmark = pytest.mark.urls("tests.portal.error_urls")


def page_of(response, status: int) -> BeautifulSoup:
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("header", class_="site-header"), "the site's header"
    assert page.find("a", class_="brand")["href"] == "/"
    return page


def way_on(page) -> dict[str, str]:
    return {link.get_text(strip=True): link["href"] for link in page.find(id="main").find_all("a")}


@pytest.mark.django_db
def test_a_refusal_shows_the_reason_our_code_gave_and_offers_to_sign_in(client):
    page = page_of(client.get("/failing/forbidden/"), 403)

    assert page.h1.get_text(strip=True) == "You cannot do this"
    assert REASON in page.find(id="main").get_text()
    assert page.title.get_text(strip=True).startswith("You cannot do this")
    links = way_on(page)
    assert links["Sign in"] == f"{reverse('account_login')}?next=/failing/forbidden/"
    assert links["Go to the home page"] == "/"


@pytest.mark.django_db
def test_a_signed_in_refusal_from_a_real_page_offers_the_ideas_not_a_sign_in(client):
    client.force_login(UserFactory())

    page = page_of(client.get(reverse("ideas:moderation")), 403)

    assert "The moderation queue is for the moderators of a space." in page.find(id="main").get_text()
    links = way_on(page)
    assert "Sign in" not in links
    assert links["Browse ideas"] == reverse("ideas:list")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/failing/not-found/", "/no-such-page/"])
def test_not_found_says_so_without_the_internals(client, path):
    page = page_of(client.get(path), 404)

    assert page.h1.get_text(strip=True) == "Page not found"
    assert INTERNALS not in str(page)
    assert "Idea.objects" not in str(page)
    assert way_on(page)["Go to the home page"] == "/"


@pytest.mark.django_db
def test_a_spent_invitation_is_gone_on_the_site_page(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    space = SpaceFactory(visibility="private")
    owner = MembershipFactory(space=space, role="owner").user
    services.invite_by_email(owner, space, "partner@example.org")
    token = mails_to("partner@example.org")[-1].body.split("/invitations/")[1].split("/")[0]
    Invitation.objects.update(expires_at=timezone.now())
    browser = Client()
    browser.force_login(UserFactory(email="partner@example.org"))

    page = page_of(browser.get(f"/invitations/{token}/"), 410)

    assert page.h1.get_text(strip=True) == "This invitation cannot be used"
    assert "expired" in page.find(id="main").get_text()
    assert way_on(page)["Go to the home page"] == "/"


@pytest.mark.django_db
def test_slow_down_is_the_same_kind_of_page_and_keeps_retry_after(client):
    response = client.get("/failing/slow/")

    page = page_of(response, 429)
    assert int(response["Retry-After"]) == 90
    assert page.h1.get_text(strip=True) == "Slow down"
    assert "You have voted many times in a short time." in page.find(id="main").get_text()
    assert way_on(page)["Go to the home page"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "status", "text"),
    [
        ("/failing/forbidden/", 403, REASON),
        ("/failing/not-found/", 404, "Page not found"),
        ("/failing/slow/", 429, "Slow down"),
    ],
)
def test_htmx_gets_the_message_alone(client, path, status, text):
    response = client.get(path, HTTP_HX_REQUEST="true")

    assert response.status_code == status
    html = unescape(response.content.decode())
    assert "<html" not in html
    assert text in html
    assert INTERNALS not in html
    assert response["HX-Reswap"] == "beforebegin"


def test_a_crash_renders_the_site_page_without_touching_the_database(client):
    # No django_db mark: any query here fails the test.
    client.raise_request_exception = False

    page = page_of(client.get("/failing/crash/"), 500)

    assert page.h1.get_text(strip=True) == "Something went wrong on our side"
    assert INTERNALS not in str(page)
    assert way_on(page)["Go to the home page"] == "/"


def test_a_crash_in_the_api_answers_in_the_api_shape(client):
    client.raise_request_exception = False

    response = client.get("/api/v1/failing/crash/")

    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "server_error", "message": "Something went wrong on our side.", "fields": {}}
    }


@pytest.mark.django_db
def test_the_api_keeps_its_json_errors(client):
    response = client.get("/api/v1/no-such-endpoint/")

    assert response.status_code in (401, 403, 404)
    assert set(response.json()["error"]) == {"code", "message", "fields"}


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_is_refused_on_the_site_page():
    client = Client(enforce_csrf_checks=True)

    page = page_of(client.post(reverse("account_login"), {"login": "a@example.com", "password": "x"}), 403)

    assert "reload the page" in page.find(id="main").get_text()
    assert "CSRF" not in page.find(id="main").get_text()
