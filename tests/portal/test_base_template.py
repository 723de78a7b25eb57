"""The layout every public page shares: reachable by keyboard, honest about language and
session, strict about scripts, and with all its assets actually served."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["/", "/accounts/login/"]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def nav_links(page):
    nav = page.find("nav", attrs={"aria-label": "Main"})
    return {link.get_text(strip=True): link["href"] for link in nav.find_all("a")}


@pytest.mark.parametrize("path", PAGES)
def test_skip_link_leads_to_the_main_content(client, path):
    page = soup(client.get(path))

    skip_link = page.find("a", class_="skip-link")
    assert skip_link["href"] == "#main"
    assert skip_link.get_text(strip=True) == "Skip to main content"
    # The skip link is the first thing a keyboard reaches.
    assert page.body.find("a") is skip_link
    main = page.find(id="main")
    assert main.name == "main"


@pytest.mark.parametrize("path", PAGES)
def test_page_declares_its_language(client, path):
    page = soup(client.get(path))

    assert page.html["lang"] == "en"


def test_browser_language_is_answered_in_a_language_we_have(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})

    assert response["Content-Language"] == "en"
    assert soup(response).html["lang"] == "en"


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitor_is_offered_sign_in_and_sign_up(client, path):
    page = soup(client.get(path))

    links = nav_links(page)
    assert links["Sign in"] == reverse("account_login")
    assert links["Sign up"] == reverse("account_signup")
    assert "Account" not in links
    assert page.find("button", string=re.compile("Sign out")) is None


@pytest.mark.parametrize("path", ["/", "/accounts/profile/"])
def test_signed_in_member_gets_account_and_a_sign_out_form(client, member, path):
    client.force_login(member)

    page = soup(client.get(path))

    links = nav_links(page)
    assert links["Account"] == reverse("community:profile")
    assert "Sign in" not in links
    assert "Sign up" not in links
    sign_out = page.find("button", string=re.compile("Sign out")).find_parent("form")
    assert sign_out["method"].lower() == "post"
    assert sign_out["action"] == reverse("account_logout")
    assert sign_out.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_sign_out_form_signs_the_member_out(client, member):
    client.force_login(member)

    response = client.post(reverse("account_logout"), follow=True)

    assert not response.wsgi_request.user.is_authenticated
    assert "Sign in" in nav_links(soup(client.get("/")))


def test_flash_message_is_shown_after_saving_the_profile(client, member):
    client.force_login(member)

    response = client.post(reverse("community:profile"), {"display_name": "Pat Member"}, follow=True)

    page = soup(response)
    messages = page.find("section", class_="messages")
    assert messages["role"] == "status"
    assert messages.find_parent(id="main") is not None
    assert messages.get_text(strip=True) == "Your profile is saved."
    # Shown once: the next page has no message left over.
    assert soup(client.get(reverse("community:profile"))).find("section", class_="messages") is None


@pytest.mark.parametrize("path", PAGES)
def test_only_scripts_carrying_this_responses_nonce_may_run(client, path):
    response = client.get(path)

    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";") if directive
    )
    nonces = re.findall(r"'nonce-([^']+)'", policy["script-src"])
    assert len(nonces) == 1
    assert "'unsafe-inline'" not in policy["script-src"]
    htmx = soup(response).find("script", src=re.compile(r"htmx"))
    assert htmx["nonce"] == nonces[0]
    # A fresh nonce for every response, or it would protect nothing.
    assert client.get(path)["Content-Security-Policy"] != response["Content-Security-Policy"]


CONTENT_TYPES = {"css": "text/css", "js": "text/javascript", "svg": "image/svg+xml"}


def referenced_assets(page):
    urls = [tag["href"] for tag in page.find_all("link", href=True)]
    urls += [tag["src"] for tag in page.find_all("script", src=True)]
    return [url for url in urls if url.startswith("/static/")]


@pytest.mark.parametrize("path", PAGES)
def test_every_asset_the_page_references_is_served(client, path):
    assets = referenced_assets(soup(client.get(path)))

    # The base template's own assets; a page may add its own (the home page lists ideas: ideas.css).
    assert {"favicon.svg", "htmx.min.js", "pico.min.css", "site.css"} <= {asset.rsplit("/", 1)[-1] for asset in assets}
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        # With X-Content-Type-Options: nosniff a browser drops a mistyped style sheet or script.
        assert response["Content-Type"].startswith(CONTENT_TYPES[asset.rsplit(".", 1)[-1]]), asset
        assert b"".join(response.streaming_content), asset


def test_a_missing_asset_is_404(client):
    assert client.get("/static/portal/missing.css").status_code == 404
