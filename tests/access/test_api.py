"""The REST API by every kind of token: a secret idea reaches only those allowed, at once.

A former member's token was used successfully before the removal (see conftest); the
narrowed tokens are staff tokens limited to the secret's space or to another one.
"""

import pytest

from tests.access.conftest import SCOPED_TOKENS, VIEWERS, EntryPoint, check, entry_points

pytestmark = pytest.mark.django_db

IDEA = frozenset({"title", "problem", "body"})
EVERY_SECRET = frozenset({"private", "internal", "hidden"})


def get(path_of):
    return lambda scene: scene.api.get(f"/api/v1/{path_of(scene)}")


def on_idea(rest: str = ""):
    return get(lambda scene: f"ideas/{scene.idea.pk}/{rest}")


API = [
    EntryPoint("ideas", get(lambda scene: "ideas/"), reveals=IDEA, sign_in=True),
    EntryPoint("ideas_search", get(lambda scene: f"ideas/?q={scene.secret.search}"), reveals=IDEA, sign_in=True),
    EntryPoint("ideas_by_status", get(lambda scene: "ideas/?status=planned"), reveals=IDEA, sign_in=True),
    EntryPoint("ideas_of_space", get(lambda scene: f"ideas/?space={scene.space.slug}"), reveals=IDEA, sign_in=True),
    EntryPoint("idea", on_idea(), reveals=IDEA, reveals_hidden=IDEA, direct=EVERY_SECRET, sign_in=True),
    EntryPoint(
        "comments",
        on_idea("comments/"),
        reveals=frozenset({"comment"}),
        reveals_hidden=frozenset({"comment"}),
        direct=EVERY_SECRET,
        sign_in=True,
    ),
    EntryPoint(
        "history",
        on_idea("history/"),
        reveals=frozenset({"response"}),
        reveals_hidden=frozenset({"response"}),
        direct=EVERY_SECRET,
        sign_in=True,
    ),
    EntryPoint("spaces", get(lambda scene: "spaces/"), reveals=frozenset({"space"}), sign_in=True),
    EntryPoint("categories", get(lambda scene: "categories/"), reveals=frozenset({"category"}), sign_in=True),
]

NO_TOKEN = {401, 403}


@pytest.mark.parametrize("viewer", [*VIEWERS, *SCOPED_TOKENS])
@entry_points(*API)
def test_a_secret_idea_reaches_only_allowed_tokens(scene, entry):
    check(scene, entry, refused=NO_TOKEN)
