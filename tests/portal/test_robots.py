"""robots.txt: crawl the public site, not the back office, the API or personal pages; find the sitemap."""

import pytest

pytestmark = pytest.mark.django_db


def test_robots_txt_is_plain_text(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_robots_may_crawl_the_public_site_but_not_the_private_areas(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert lines[:2] == ["User-agent: *", "Allow: /"]
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow: ")}
    assert disallowed == {"/cms/", "/api/", "/accounts/", "/moderation/", "/notifications/", "/invitations/"}


def test_robots_txt_names_the_sitemap_by_its_absolute_url(client):
    lines = client.get("/robots.txt", secure=True).content.decode().splitlines()

    assert "Sitemap: https://testserver/sitemap.xml" in lines
    assert client.get("/sitemap.xml", secure=True).status_code == 200


def test_robots_txt_answers_get_only(client):
    assert client.post("/robots.txt").status_code == 405
