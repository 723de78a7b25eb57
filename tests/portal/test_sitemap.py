"""sitemap.xml: an index of sections (pages, ideas, spaces), each valid sitemap XML listing
only what a visitor who is not signed in may read, paged with a bounded query per page."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.models import CampaignPage, HomePage, StandardPage
from community.models import Space
from portal.sitemaps import IdeaSitemap
from tests.cms.factories import CampaignFactory, publish
from tests.community.factories import SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def public_space():
    return SpaceFactory(slug="product", name="Acme Product")


@pytest.fixture
def private_space():
    return SpaceFactory(slug="partners", name="Partner Lounge", visibility=Space.Visibility.PRIVATE)


@pytest.fixture
def home():
    return HomePage.objects.get()


def xml_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 -- our own answer


def index_locations(client):
    root = xml_of(client.get("/sitemap.xml"))
    assert root.tag == f"{NS}sitemapindex"
    return [sitemap.findtext(f"{NS}loc") for sitemap in root.findall(f"{NS}sitemap")]


def section_locations(client, path):
    root = xml_of(client.get(path))
    assert root.tag == f"{NS}urlset"
    return [url.findtext(f"{NS}loc") for url in root.findall(f"{NS}url")]


def test_the_index_points_to_one_sitemap_per_section(client):
    assert index_locations(client) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-ideas.xml",
        "http://testserver/sitemap-spaces.xml",
    ]


def test_robots_are_told_not_to_index_the_sitemap_itself(client):
    assert client.get("/sitemap.xml")["X-Robots-Tag"].startswith("noindex")


def test_the_ideas_section_lists_the_public_ideas_with_their_last_change(client, public_space, private_space):
    idea = IdeaFactory(space=public_space)
    IdeaFactory(space=public_space, hidden=True)
    IdeaFactory(space=public_space, merged_into=idea)
    IdeaFactory(space=private_space)
    IdeaFactory(space=SpaceFactory(slug="staff", visibility=Space.Visibility.INTERNAL))

    root = xml_of(client.get("/sitemap-ideas.xml"))

    [url] = root.findall(f"{NS}url")
    assert url.findtext(f"{NS}loc") == f"http://testserver/ideas/{idea.pk}/"
    assert url.findtext(f"{NS}lastmod") == idea.updated_at.date().isoformat()


def test_the_spaces_section_lists_the_public_spaces_only(client, public_space, private_space):
    SpaceFactory(slug="staff", visibility=Space.Visibility.INTERNAL)

    assert section_locations(client, "/sitemap-spaces.xml") == ["http://testserver/spaces/product/"]


def test_the_pages_section_lists_live_public_pages_only(client, home, public_space, private_space):
    publish(home, StandardPage(title="About us", slug="about"))
    draft = StandardPage(title="Draft plans", slug="draft-plans", live=False)
    home.add_child(instance=draft)
    restricted = publish(home, StandardPage(title="Partners only", slug="partners-only"))
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x")
    publish(home, CampaignPage(title="Open call", slug="open-call", campaign=CampaignFactory(space=public_space)))
    publish(
        home, CampaignPage(title="Partner pilot", slug="partner-pilot", campaign=CampaignFactory(space=private_space))
    )

    locations = section_locations(client, "/sitemap-pages.xml")

    assert locations == ["http://localhost/", "http://localhost/about/", "http://localhost/open-call/"]


def test_the_sitemap_shows_nothing_more_to_staff(client, public_space, private_space):
    IdeaFactory(space=private_space, title="Partner pricing secret")
    client.force_login(UserFactory(is_staff=True))

    assert section_locations(client, "/sitemap-ideas.xml") == []
    assert section_locations(client, "/sitemap-spaces.xml") == ["http://testserver/spaces/product/"]


def test_a_large_section_is_split_into_pages_listed_in_the_index(client, public_space, monkeypatch):
    monkeypatch.setattr(IdeaSitemap, "limit", 2)
    ideas = IdeaFactory.create_batch(5, space=public_space)

    assert "http://testserver/sitemap-ideas.xml?p=3" in index_locations(client)
    assert "http://testserver/sitemap-ideas.xml?p=4" not in index_locations(client)
    assert section_locations(client, "/sitemap-ideas.xml?p=2") == [
        f"http://testserver/ideas/{idea.pk}/" for idea in ideas[2:4]
    ]
    assert client.get("/sitemap-ideas.xml?p=4").status_code == 404


def test_a_page_of_the_sitemap_reads_a_bounded_slice_of_the_ideas(client, public_space, monkeypatch):
    monkeypatch.setattr(IdeaSitemap, "limit", 2)
    IdeaFactory.create_batch(5, space=public_space)

    with CaptureQueriesContext(connection) as captured:
        client.get("/sitemap-ideas.xml?p=2")

    reads = [query["sql"] for query in captured.captured_queries if 'FROM "ideas_idea"' in query["sql"]]
    rows = [sql for sql in reads if "COUNT(" not in sql]
    assert len(rows) == 1
    assert "LIMIT 2 OFFSET 2" in rows[0]
    assert '"ideas_idea"."problem"' not in rows[0]


def test_the_index_costs_the_same_queries_for_many_ideas(client, public_space, django_assert_max_num_queries):
    IdeaFactory.create_batch(30, space=public_space)

    with django_assert_max_num_queries(8):
        index_locations(client)
