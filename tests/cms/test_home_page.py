"""The front page at /: a Wagtail HomePage that site editors control."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, Site

from cms.models import HomePage

pytestmark = pytest.mark.django_db

HERO_HEADING = "Shape what we build next"
CALL_TO_ACTION = "Join and share an idea"


def page_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def call_to_action(page):
    return page.find("main").find("a", string=CALL_TO_ACTION)


def test_the_front_page_is_the_home_page_with_its_hero(client):
    response = client.get("/")

    page = page_of(response)
    assert response.context["page"].specific_class is HomePage
    assert page.find("main").find("h1").get_text(strip=True) == HERO_HEADING
    assert "Share your ideas for the product" in page.find("main").get_text()
    assert page.title.get_text(strip=True) == "Home · Groundswell"


def test_there_is_one_home_page_and_it_is_the_root_of_the_default_site():
    home = HomePage.objects.get()

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    assert home.live
    # Wagtail's own welcome page is gone, so nothing else competes for /.
    assert list(Page.objects.filter(depth=2)) == [home.page_ptr]


def test_the_front_page_is_served_whatever_host_name_the_request_uses(client):
    response = client.get("/", headers={"host": "127.0.0.1"})

    assert page_of(response).find("h1").get_text(strip=True) == HERO_HEADING


def test_a_visitor_is_invited_to_sign_up(client):
    page = page_of(client.get("/"))

    link = call_to_action(page)
    assert link["href"] == reverse("account_signup")


def test_a_signed_in_member_is_not_asked_to_sign_up_again(client, member):
    client.force_login(member)

    page = page_of(client.get("/"))

    assert call_to_action(page) is None
    assert page.find("main").find("h1").get_text(strip=True) == HERO_HEADING


def test_a_published_change_to_the_hero_heading_shows_on_the_front_page(client):
    home = HomePage.objects.get()
    home.hero_heading = "Tell us what to build in spring"
    home.save_revision().publish()

    page = page_of(client.get("/"))

    assert page.find("main").find("h1").get_text(strip=True) == "Tell us what to build in spring"


def test_a_draft_change_stays_off_the_front_page_until_published(client):
    home = HomePage.objects.get()
    home.hero_heading = "Not ready yet"
    revision = home.save_revision()

    assert page_of(client.get("/")).find("h1").get_text(strip=True) == HERO_HEADING

    revision.publish()

    assert page_of(client.get("/")).find("h1").get_text(strip=True) == "Not ready yet"
