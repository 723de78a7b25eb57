"""The site's pages by every kind of viewer: the secret idea, its space and its campaign reach
only those allowed through the home page, an ideas block, the roadmap, a campaign page, a
changelog entry — and nobody through the changelog's feeds, which are public by nature."""

import datetime
import json

import pytest

from cms.models import (
    CampaignPage,
    ChangelogEntryIdea,
    ChangelogEntryPage,
    ChangelogIndexPage,
    HomePage,
    RoadmapPage,
    StandardPage,
)
from ideas.models import Idea
from tests.access.conftest import EntryPoint, World, check, entry_points, leaked, staged_world, text_of
from tests.cms.factories import CampaignFactory, publish

pytestmark = pytest.mark.django_db

NAMED_SPACE = frozenset({"private", "internal"})
CAMPAIGN_QUESTION = "WALRUS-CAMPAIGN-QUESTION"


def _site_pages(world: World) -> None:
    """An editor's site around the secret: an ideas block and a campaign for its space, the
    roadmap, and a changelog entry that ships it (published by staff, who may)."""
    home = HomePage.objects.get()
    block = {"heading": "From the space", "space": world.space.slug, "status": "", "category": "", "count": 10}
    publish(
        home,
        StandardPage(title="Partners", slug="from-the-space", body=json.dumps([{"type": "ideas", "value": block}])),
    )
    everywhere = block | {"space": ""}
    publish(
        home, StandardPage(title="All", slug="all-ideas", body=json.dumps([{"type": "ideas", "value": everywhere}]))
    )
    publish(home, RoadmapPage(title="Roadmap", slug="roadmap"))
    campaign = CampaignFactory(space=world.space, slug="secret-campaign", question=CAMPAIGN_QUESTION)
    Idea.objects.filter(pk=world.idea.pk).update(campaign=campaign)
    publish(home, CampaignPage(title="Have your say", slug="have-your-say", campaign=campaign))
    changelog = publish(home, ChangelogIndexPage(title="Changelog", slug="changelog"))
    entry = ChangelogEntryPage(
        title="Release 1",
        slug="release-1",
        release_date=datetime.date(2026, 11, 1),
        notes="<p>Faster exports.</p>",
        shipped_ideas=[ChangelogEntryIdea(idea=world.idea), ChangelogEntryIdea(idea=world.public_idea)],
    )
    publish(changelog, entry, user=world.changer)


@pytest.fixture(scope="module")
def world(secret, django_db_setup, django_db_blocker) -> World:
    with staged_world(secret, django_db_blocker, before_loss=_site_pages) as staged:
        yield staged


def get(path):
    return lambda scene: scene.web.get(path)


LISTED = frozenset({"title", "space"})
PAGES = [
    EntryPoint("home_lists", get("/"), reveals=frozenset({"title"})),
    EntryPoint("ideas_block_of_the_space", get("/from-the-space/"), reveals=LISTED),
    EntryPoint("ideas_block_of_every_space", get("/all-ideas/"), reveals=LISTED),
    EntryPoint("roadmap", get("/roadmap/"), reveals=LISTED | {"category"}),
    EntryPoint(
        "roadmap_of_the_space", lambda scene: scene.web.get(f"/roadmap/?space={scene.space.slug}"), reveals=LISTED
    ),
    EntryPoint("campaign_page", get("/have-your-say/"), reveals=LISTED, direct=NAMED_SPACE),
    EntryPoint("changelog_entry", get("/changelog/release-1/"), reveals=LISTED),
    EntryPoint("changelog_index", get("/changelog/")),
]
FEEDS = ["/changelog/feed/", "/changelog/feed/atom/"]


@entry_points(*PAGES)
def test_a_secret_idea_reaches_only_those_allowed_through_the_site_pages(scene, entry):
    check(scene, entry, refused=set())


@pytest.mark.parametrize("path", FEEDS)
def test_the_changelog_feeds_never_name_the_secret(scene, path):
    response = scene.web.get(path)

    assert response.status_code == 200
    assert "Export reports to spreadsheets" in text_of(response)
    assert leaked(scene, text_of(response)) == {}


def test_the_home_figures_count_the_secret_only_for_those_allowed(scene):
    page = text_of(scene.web.get("/")).replace("\n", "").replace(" ", "")

    counted = scene.allowed and not scene.secret.in_public_space
    assert ("<dt>Ideas</dt><dd>2</dd>" in page) is counted
    assert ("<dt>Ideas</dt><dd>1</dd>" in page) is not counted


def test_the_campaign_question_reaches_only_those_who_see_its_space(scene):
    page = text_of(scene.web.get("/have-your-say/"))

    sees_space = scene.secret.in_public_space or scene.allowed
    assert (CAMPAIGN_QUESTION in page) is sees_space
    assert (CAMPAIGN_QUESTION in text_of(scene.web.get("/"))) is sees_space
