"""The site's pages by every kind of viewer: a secret idea's texts reach only those allowed."""

import pytest

from tests.access.conftest import EntryPoint, check, entry_points

pytestmark = pytest.mark.django_db

ALL = frozenset({"title", "problem", "body", "comment", "response"})
NAMED_SPACE = frozenset({"private", "internal"})
HTMX = {"HTTP_HX_REQUEST": "true"}


def get(path_of, **headers):
    return lambda scene: scene.web.get(path_of(scene), **headers)


READ = [
    EntryPoint("home", get(lambda scene: "/")),
    EntryPoint("idea_list", get(lambda scene: "/ideas/"), reveals=frozenset({"title", "space"})),
    EntryPoint("idea_search", get(lambda scene: f"/ideas/?q={scene.secret.search}"), reveals=frozenset({"title"})),
    EntryPoint(
        "idea_status_filter", get(lambda scene: "/ideas/?status=planned&sort=newest"), reveals=frozenset({"title"})
    ),
    EntryPoint(
        "idea_search_and_filter",
        get(lambda scene: f"/ideas/?q={scene.secret.search}&status=planned&status=new&sort=top"),
        reveals=frozenset({"title"}),
    ),
    EntryPoint("space_list", get(lambda scene: "/spaces/"), reveals=frozenset({"space"})),
    EntryPoint(
        "space_page",
        get(lambda scene: f"/spaces/{scene.space.slug}/"),
        reveals=frozenset({"title", "space", "category"}),
        direct=NAMED_SPACE,
    ),
    EntryPoint(
        "space_search",
        get(lambda scene: f"/spaces/{scene.space.slug}/?q={scene.secret.search}&status=planned"),
        reveals=frozenset({"title"}),
        direct=NAMED_SPACE,
    ),
    EntryPoint(
        "idea_page",
        get(lambda scene: f"/ideas/{scene.idea.pk}/"),
        reveals=ALL | {"space"},
        reveals_hidden=ALL,
        direct=frozenset({"private", "internal", "hidden"}),
    ),
    EntryPoint(
        "similar", get(lambda scene: f"/ideas/similar/?title={scene.secret.search}"), reveals=frozenset({"title"})
    ),
    EntryPoint(
        "similar_htmx",
        get(lambda scene: f"/ideas/similar/?title={scene.secret.search}", **HTMX),
        reveals=frozenset({"title"}),
    ),
    EntryPoint(
        "similar_in_space",
        get(lambda scene: f"/ideas/similar/?title={scene.secret.search}&space={scene.space.slug}", **HTMX),
        reveals=frozenset({"title"}),
        direct=NAMED_SPACE,
    ),
    EntryPoint(
        "author_profile",
        get(lambda scene: f"/people/{scene.idea.author.username}/"),
        reveals=frozenset({"title", "comment"}),
    ),
    EntryPoint(
        "notifications",
        get(lambda scene: "/notifications/"),
        reveals=frozenset({"title", "response"}),
        reveals_hidden=frozenset({"title", "response"}),
        sign_in=True,
    ),
    EntryPoint("submit_form", get(lambda scene: "/ideas/new/"), reveals=frozenset({"space"}), sign_in=True),
]

SIGN_IN = {302}


@entry_points(*READ)
def test_a_secret_idea_reaches_only_those_allowed(scene, entry):
    check(scene, entry, refused=SIGN_IN)


def test_the_bell_counts_only_what_the_viewer_may_see(scene):
    """Everyone who could follow the idea was told of its status change; the count in the
    header of any page must leave out what the viewer can no longer see."""
    page = scene.web.get("/spaces/").content.decode()

    if scene.user is None:
        assert 'class="bell"' not in page
    else:
        assert ('class="bell-count"' in page) is scene.allowed


def test_a_space_counts_only_the_ideas_its_list_shows(scene):
    """The public space shows one idea to everyone: a hidden one is not counted, not even for its moderators."""
    spaces = scene.web.get("/spaces/").content.decode()

    assert "1 idea<" in spaces.replace("\n", "")
    assert "2 ideas" not in spaces
