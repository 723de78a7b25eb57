"""Feeds and the sitemap by every kind of viewer: they are anonymous entry points (feed readers
and crawlers do not sign in, feed URLs get shared), so a secret reaches no one there, not even
those allowed to read it elsewhere, while the public idea is listed for all."""

import pytest

from tests.access.conftest import EntryPoint, entry_points, leaked, text_of

pytestmark = pytest.mark.django_db

NAMED_SPACE = frozenset({"private", "internal"})


def get(path_of):
    return lambda scene: scene.web.get(path_of(scene))


def public(scene) -> str:
    return scene.world.public.slug


def secret_space(scene) -> str:
    return scene.space.slug


FEEDS = [
    EntryPoint("space_feed", get(lambda scene: f"/spaces/{public(scene)}/feed/")),
    EntryPoint("space_feed_atom", get(lambda scene: f"/spaces/{public(scene)}/feed/atom/")),
    EntryPoint("secret_space_feed", get(lambda scene: f"/spaces/{secret_space(scene)}/feed/"), direct=NAMED_SPACE),
    EntryPoint(
        "secret_space_feed_atom", get(lambda scene: f"/spaces/{secret_space(scene)}/feed/atom/"), direct=NAMED_SPACE
    ),
    EntryPoint("status_feed", get(lambda scene: "/feeds/status-changes/")),
    EntryPoint("status_feed_atom", get(lambda scene: "/feeds/status-changes/atom/")),
    EntryPoint("status_feed_of_public_space", get(lambda scene: f"/feeds/status-changes/?space={public(scene)}")),
    EntryPoint(
        "status_feed_of_secret_space",
        get(lambda scene: f"/feeds/status-changes/atom/?space={secret_space(scene)}"),
        direct=NAMED_SPACE,
    ),
    EntryPoint("sitemap_index", get(lambda scene: "/sitemap.xml")),
    EntryPoint("sitemap_pages", get(lambda scene: "/sitemap-pages.xml")),
    EntryPoint("sitemap_ideas", get(lambda scene: "/sitemap-ideas.xml")),
    EntryPoint("sitemap_spaces", get(lambda scene: "/sitemap-spaces.xml")),
    EntryPoint("robots", get(lambda scene: "/robots.txt")),
]
# Where the public idea must be found, and how: by its title in a feed, by its address in the sitemap.
LISTING = {
    "space_feed": lambda idea: idea.title,
    "space_feed_atom": lambda idea: idea.title,
    "sitemap_ideas": lambda idea: f"http://testserver{idea.get_absolute_url()}<",
}


@entry_points(*FEEDS)
def test_a_secret_reaches_no_one_through_feeds_and_the_sitemap(scene, entry):
    response = entry.request(scene)

    expected = 404 if scene.secret.kind in entry.direct else 200
    assert response.status_code == expected, f"{entry.name} answered {response.status_code} to {scene.viewer}"
    text = text_of(response)
    assert leaked(scene, text) == {}, f"{entry.name} leaked to {scene.viewer}"
    # Feeds and the sitemap name ideas and spaces by their addresses too (a "not found" page
    # echoes the address asked for, which the viewer knew already).
    if response.status_code == 200:
        assert scene.idea.get_absolute_url() not in text
        if not scene.secret.in_public_space:
            assert f"/spaces/{secret_space(scene)}/" not in text


@entry_points(*(point for point in FEEDS if point.name in LISTING))
def test_feeds_and_the_sitemap_list_the_public_idea_for_everyone(scene, entry):
    response = entry.request(scene)

    assert response.status_code == 200
    assert LISTING[entry.name](scene.world.public_idea) in text_of(response)
