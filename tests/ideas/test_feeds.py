"""RSS and Atom feeds: new ideas per public space and status changes, public content only."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import Membership, Space
from ideas.feeds import FEED_LENGTH
from ideas.models import Idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import CategoryFactory, IdeaFactory, StatusChangeFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture
def public_space():
    return SpaceFactory(slug="product", name="Acme Product", description="Ideas for the Acme product.")


@pytest.fixture
def private_space():
    return SpaceFactory(slug="partners", name="Partner Lounge", visibility=Space.Visibility.PRIVATE)


def rss(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 -- our own answer
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return root.find("channel")


def atom(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 -- our own answer
    assert root.tag == f"{ATOM}feed"
    return root


def item_titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def entry_titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


# --- New ideas per space ------------------------------------------------------------------


def test_the_space_feed_is_rss_with_one_item_per_idea(client, public_space):
    author = UserFactory(username="ada", profile__display_name="Ada Lovelace")
    idea = IdeaFactory(
        space=public_space,
        author=author,
        title="Export reports to spreadsheets",
        problem="We copy numbers by hand.",
        body="Add an **export** button.",
        category=CategoryFactory(space=public_space, name="Reporting"),
    )
    idea.tags.add("csv", "excel")

    channel = rss(client, "/spaces/product/feed/")

    assert channel.findtext("title") == "New ideas in Acme Product · Groundswell"
    assert channel.findtext("link") == "http://testserver/spaces/product/"
    assert channel.findtext("description") == "Ideas for the Acme product."
    [item] = channel.findall("item")
    assert item.findtext("title") == "Export reports to spreadsheets"
    assert item.findtext("link") == f"http://testserver/ideas/{idea.pk}/"
    assert item.findtext("guid") == f"http://testserver/ideas/{idea.pk}/"
    assert item.findtext("pubDate")
    assert item.findtext(f"{DC}creator") == "Ada Lovelace"
    assert [category.text for category in item.findall("category")] == ["Reporting", "csv", "excel"]
    description = item.findtext("description")
    assert "<p>We copy numbers by hand.</p>" in description
    assert "<strong>export</strong>" in description


def test_the_space_feed_is_also_atom(client, public_space):
    idea = IdeaFactory(space=public_space, title="Export reports to spreadsheets")

    feed = atom(client, "/spaces/product/feed/atom/")

    assert feed.findtext(f"{ATOM}title") == "New ideas in Acme Product · Groundswell"
    assert feed.findtext(f"{ATOM}id") == "http://testserver/spaces/product/"
    assert feed.findtext(f"{ATOM}updated")
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Export reports to spreadsheets"
    assert entry.findtext(f"{ATOM}id") == f"http://testserver/ideas/{idea.pk}/"
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/ideas/{idea.pk}/"
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == idea.author.display_name
    assert entry.find(f"{ATOM}summary").get("type") == "html"


def test_markup_in_an_idea_reaches_the_feed_inert(client, public_space):
    IdeaFactory(
        space=public_space,
        title="<img src=x onerror=alert(1)>",
        problem="<script>alert(1)</script>",
        body="[click](javascript:alert(1)) <iframe src=x>",
    )

    channel = rss(client, "/spaces/product/feed/")

    [item] = channel.findall("item")
    description = item.findtext("description")
    assert "<script" not in description
    assert "<iframe" not in description
    assert "javascript:" not in description
    # Titles are escaped once more, as Django's feeds do: a reader that shows them as HTML shows text.
    assert item.findtext("title") == "&lt;img src=x onerror=alert(1)&gt;"


def test_the_space_feed_lists_the_newest_ideas_first_and_at_most_fifty(client, public_space):
    now = timezone.now()
    for age in range(FEED_LENGTH + 3):
        idea = IdeaFactory(space=public_space, title=f"Idea aged {age} days")
        Idea.objects.filter(pk=idea.pk).update(created_at=now - timedelta(days=age))

    titles = item_titles(rss(client, "/spaces/product/feed/"))

    assert len(titles) == FEED_LENGTH == 50
    assert titles[:2] == ["Idea aged 0 days", "Idea aged 1 days"]
    assert "Idea aged 50 days" not in titles


def test_hidden_merged_and_other_spaces_ideas_stay_out_of_the_space_feed(client, public_space, private_space):
    kept = IdeaFactory(space=public_space, title="Export reports to spreadsheets")
    IdeaFactory(space=public_space, title="Hidden by a moderator", hidden=True)
    IdeaFactory(space=public_space, title="Merged into the export", merged_into=kept)
    IdeaFactory(space=SpaceFactory(slug="other"), title="In another public space")
    IdeaFactory(space=private_space, title="Partner pricing secret")

    assert item_titles(rss(client, "/spaces/product/feed/")) == ["Export reports to spreadsheets"]
    assert entry_titles(atom(client, "/spaces/product/feed/atom/")) == ["Export reports to spreadsheets"]


@pytest.mark.parametrize("visibility", [Space.Visibility.PRIVATE, Space.Visibility.INTERNAL])
@pytest.mark.parametrize("path", ["/spaces/closed/feed/", "/spaces/closed/feed/atom/"])
def test_a_space_that_is_not_public_has_no_feed_even_for_its_members_and_staff(client, visibility, path):
    space = SpaceFactory(slug="closed", visibility=visibility)
    IdeaFactory(space=space, title="Partner pricing secret")
    owner = UserFactory()
    MembershipFactory(user=owner, space=space, role=Membership.Role.OWNER)

    assert client.get(path).status_code == 404
    for insider in (owner, UserFactory(is_staff=True)):
        client.force_login(insider)
        response = client.get(path)
        assert response.status_code == 404
        assert b"Partner pricing secret" not in response.content


def test_an_unknown_space_has_no_feed(client):
    assert client.get("/spaces/nowhere/feed/").status_code == 404


def test_the_space_feed_costs_the_same_queries_for_many_ideas(client, public_space, django_assert_max_num_queries):
    category = CategoryFactory(space=public_space)
    for _ in range(FEED_LENGTH):
        IdeaFactory(space=public_space, category=category).tags.add("csv", "excel")

    with django_assert_max_num_queries(3):
        assert len(item_titles(rss(client, "/spaces/product/feed/"))) == FEED_LENGTH


# --- Status changes ------------------------------------------------------------------------


def test_the_status_feed_carries_each_change_with_its_official_response(client, public_space):
    idea = IdeaFactory(space=public_space, title="Export reports to spreadsheets")
    actor = UserFactory(username="pat", profile__display_name="Pat the PM")
    change = StatusChangeFactory(idea=idea, to_status=Idea.Status.PLANNED, actor=actor, message="Planned for *spring*.")

    channel = rss(client, "/feeds/status-changes/")

    assert channel.findtext("title") == "Status changes · Groundswell"
    assert channel.findtext("link") == "http://testserver/ideas/"
    [item] = channel.findall("item")
    assert item.findtext("title") == "Export reports to spreadsheets: Planned"
    assert item.findtext("link") == f"http://testserver/ideas/{idea.pk}/#status-{change.pk}"
    assert item.findtext(f"{DC}creator") == "Pat the PM"
    assert "Planned for <em>spring</em>." in item.findtext("description")
    assert [category.text for category in item.findall("category")] == ["Planned"]


def test_the_status_change_link_lands_on_that_change_in_the_idea_history(client, public_space):
    change = StatusChangeFactory(idea=IdeaFactory(space=public_space))

    page = client.get(change.idea.get_absolute_url()).content.decode()

    assert f'id="status-{change.pk}"' in page


def test_the_status_feed_is_also_atom_newest_first(client, public_space):
    now = timezone.now()
    for age, title in enumerate(["Newest change", "Older change"]):
        change = StatusChangeFactory(idea=IdeaFactory(space=public_space, title=title))
        type(change).objects.filter(pk=change.pk).update(created_at=now - timedelta(days=age))

    feed = atom(client, "/feeds/status-changes/atom/")

    assert entry_titles(feed) == ["Newest change: Planned", "Older change: Planned"]
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id").startswith("http://testserver/ideas/")
    assert entry.findtext(f"{ATOM}updated")


def test_the_status_feed_leaves_out_private_spaces_and_hidden_ideas(client, public_space, private_space):
    StatusChangeFactory(idea=IdeaFactory(space=public_space, title="Export reports to spreadsheets"))
    StatusChangeFactory(idea=IdeaFactory(space=public_space, title="Hidden by a moderator", hidden=True))
    StatusChangeFactory(idea=IdeaFactory(space=private_space, title="Partner pricing secret"), message="SECRET")
    internal = SpaceFactory(slug="staff", visibility=Space.Visibility.INTERNAL)
    StatusChangeFactory(idea=IdeaFactory(space=internal, title="Payroll secret"))
    client.force_login(UserFactory(is_staff=True))

    for path in ("/feeds/status-changes/", "/feeds/status-changes/atom/"):
        response = client.get(path)
        assert b"secret" not in response.content.lower()
        assert b"Hidden by a moderator" not in response.content
        assert b"Export reports to spreadsheets" in response.content


def test_the_status_feed_narrows_to_one_public_space(client, public_space):
    StatusChangeFactory(idea=IdeaFactory(space=public_space, title="Export reports to spreadsheets"))
    StatusChangeFactory(idea=IdeaFactory(space=SpaceFactory(slug="other"), title="In another space"))

    channel = rss(client, "/feeds/status-changes/?space=product")

    assert channel.findtext("title") == "Status changes in Acme Product · Groundswell"
    assert channel.findtext("link") == "http://testserver/spaces/product/"
    assert item_titles(channel) == ["Export reports to spreadsheets: Planned"]


def test_the_status_feed_of_a_space_that_is_not_public_is_not_found(client, private_space):
    MembershipFactory(user=(member := UserFactory()), space=private_space)
    client.force_login(member)

    assert client.get("/feeds/status-changes/?space=partners").status_code == 404
    assert client.get("/feeds/status-changes/atom/?space=partners").status_code == 404
    assert client.get("/feeds/status-changes/?space=nowhere").status_code == 404


def test_the_status_feed_costs_the_same_queries_for_many_changes(client, public_space, django_assert_max_num_queries):
    category = CategoryFactory(space=public_space)
    for _ in range(FEED_LENGTH):
        StatusChangeFactory(idea=IdeaFactory(space=public_space, category=category), actor=UserFactory())

    with django_assert_max_num_queries(2):
        assert len(item_titles(rss(client, "/feeds/status-changes/?space=product"))) == FEED_LENGTH


# --- Autodiscovery -----------------------------------------------------------------------


def test_a_public_space_page_announces_its_feeds(client, public_space):
    page = client.get("/spaces/product/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml" href="/spaces/product/feed/"' in page
    assert '<link rel="alternate" type="application/atom+xml" href="/spaces/product/feed/atom/"' in page
    assert 'href="/feeds/status-changes/?space=product"' in page


def test_a_private_space_page_announces_no_feed_of_its_own(client, private_space):
    MembershipFactory(user=(member := UserFactory()), space=private_space)
    client.force_login(member)

    page = client.get("/spaces/partners/").content.decode()

    assert "/spaces/partners/feed/" not in page
    assert "/feeds/status-changes/?space=partners" not in page


def test_the_idea_list_announces_the_status_feed(client):
    page = client.get("/ideas/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml" href="/feeds/status-changes/"' in page
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/status-changes/atom/"' in page
