"""The changelog: entries newest first, their feeds, and publishing an entry ships the ideas it
names and tells their voters — "you asked, we shipped"."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied

from cms.models import ChangelogEntryIdea, ChangelogEntryPage, ChangelogIndexPage
from community.models import Notification
from ideas.models import Idea
from tests.cms.factories import publish
from tests.community.factories import UserFactory
from tests.ideas.factories import IdeaFactory, VoteFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def changelog(home):
    return publish(home, ChangelogIndexPage(title="Changelog", slug="changelog"))


def entry_of(changelog, title, *ideas, day=1, user=None):
    entry = ChangelogEntryPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        release_date=datetime.date(2026, 11, day),
        notes=f"<p>{title}: faster exports.</p>",
        shipped_ideas=[ChangelogEntryIdea(idea=idea) for idea in ideas],
    )
    return publish(changelog, entry, user=user)


def test_publishing_an_entry_ships_exactly_its_ideas_and_tells_their_voters(changelog, public_space, staff):
    linked = IdeaFactory(space=public_space, status=Idea.Status.IN_PROGRESS)
    other = IdeaFactory(space=public_space, status=Idea.Status.IN_PROGRESS)
    voter, bystander = VoteFactory(idea=linked).user, VoteFactory(idea=other).user

    entry = entry_of(changelog, "Release 5", linked, user=staff)

    linked.refresh_from_db()
    other.refresh_from_db()
    assert linked.status == Idea.Status.SHIPPED
    assert other.status == Idea.Status.IN_PROGRESS
    told = Notification.objects.filter(recipient=voter, target_id=linked.pk)
    assert told.count() == 1
    assert entry.full_url in told.get().message
    assert not Notification.objects.filter(recipient=bystander).exists()


def test_publishing_again_ships_nothing_twice(changelog, public_space, staff):
    idea = IdeaFactory(space=public_space, status=Idea.Status.PLANNED)
    voter = VoteFactory(idea=idea).user
    entry = entry_of(changelog, "Release 6", idea, user=staff)

    entry.title = "Release 6 (corrected)"
    entry.save_revision(user=staff).publish()

    assert idea.status_changes.filter(to_status=Idea.Status.SHIPPED).count() == 1
    assert Notification.objects.filter(recipient=voter).count() == 1


def test_an_editor_who_may_not_moderate_the_space_ships_nothing(changelog, public_space):
    idea = IdeaFactory(space=public_space, status=Idea.Status.PLANNED)

    with pytest.raises(PermissionDenied):
        entry_of(changelog, "Release 7", idea, user=UserFactory(username="writer"))

    idea.refresh_from_db()
    assert idea.status == Idea.Status.PLANNED


def test_the_index_lists_entries_newest_release_first(client, changelog, staff):
    entry_of(changelog, "Older release", day=1, user=staff)
    entry_of(changelog, "Newer release", day=20, user=staff)

    page = BeautifulSoup(client.get("/changelog/").content, "html.parser")

    assert [link.get_text(strip=True) for link in page.select(".changelog-entries h2 a")] == [
        "Newer release",
        "Older release",
    ]


def test_the_index_is_paginated(client, changelog, staff):
    for day in range(1, 13):
        entry_of(changelog, f"Release {day}", day=day, user=staff)

    first = BeautifulSoup(client.get("/changelog/").content, "html.parser")
    second = BeautifulSoup(client.get("/changelog/?page=2").content, "html.parser")

    assert len(first.select(".changelog-entries li")) == 10
    assert [link.get_text(strip=True) for link in second.select(".changelog-entries h2 a")] == [
        "Release 2",
        "Release 1",
    ]


def test_an_entry_shows_its_ideas_only_to_those_who_may_see_them(
    client, changelog, public_space, private_space, partner, staff
):
    public = IdeaFactory(space=public_space, title="Export to CSV", status="planned")
    secret = IdeaFactory(space=private_space, title="Zebra pricing export", status="planned")
    entry = entry_of(changelog, "Release 8", public, secret, user=staff)

    outsider = client.get(entry.url).content.decode()
    client.force_login(partner)
    insider = client.get(entry.url).content.decode()

    assert "Export to CSV" in outsider
    assert "Zebra pricing export" not in outsider
    assert "Zebra pricing export" in insider


def test_the_rss_feed_lists_entries_and_only_public_ideas(client, changelog, public_space, private_space, staff):
    public = IdeaFactory(space=public_space, title="Export to CSV", status="planned")
    secret = IdeaFactory(space=private_space, title="Zebra pricing export", status="planned")
    entry_of(changelog, "Release 9", public, secret, user=staff)
    entry_of(changelog, "Release 10", day=5, user=staff)
    client.force_login(staff)

    response = client.get("/changelog/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own response
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Release 10", "Release 9"]
    assert items[1].findtext("link") == "http://testserver/changelog/release-9/"
    assert "Export to CSV" in items[1].findtext("description")
    assert "Zebra pricing export" not in response.content.decode()


def test_the_atom_feed_is_valid_and_names_no_private_idea(client, changelog, private_space, staff):
    secret = IdeaFactory(space=private_space, title="Zebra pricing export", status="planned")
    entry_of(changelog, "Release 11", secret, user=staff)

    response = client.get("/changelog/feed/atom/")

    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == ["Release 11"]
    assert "Zebra pricing export" not in response.content.decode()


def test_a_draft_entry_is_in_neither_the_index_nor_the_feed(client, changelog):
    draft = ChangelogEntryPage(title="Secret release", slug="draft", release_date=datetime.date(2026, 12, 1), notes="x")
    changelog.add_child(instance=draft)
    draft.unpublish()

    assert "Secret release" not in client.get("/changelog/").content.decode()
    assert "Secret release" not in client.get("/changelog/feed/").content.decode()


def test_the_index_links_its_feeds(client, changelog):
    page = BeautifulSoup(client.get("/changelog/").content, "html.parser")

    feeds = {link["type"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert feeds == {"application/rss+xml": "/changelog/feed/", "application/atom+xml": "/changelog/feed/atom/"}


def test_an_editor_previews_an_entry_with_ideas_not_saved_yet(changelog, public_space, staff):
    entry = entry_of(changelog, "Release 12", user=staff)
    idea = IdeaFactory(space=public_space, title="Export to CSV")
    entry.shipped_ideas = [ChangelogEntryIdea(idea=idea)]

    response = entry.make_preview_request()

    assert response.status_code == 200
    assert "Export to CSV" in response.rendered_content
