"""Moderation, legal and personal-data pages by every kind of viewer: the secret idea reaches
only its space's moderators (and staff) through the queue, the log, the merge page and internal
notes; the report form only those who may read it; a personal-data download holds nothing its
owner may no longer read. Internal notes never reach the API, whoever asks."""

import json

import pytest

from ideas.services.legal import add_internal_note
from ideas.services.moderation import report_content
from tests.access.conftest import World, leaked, staged_world, text_of

pytestmark = pytest.mark.django_db

NOTE = "WOMBAT-INTERNAL-NOTE"
MODERATORS = {"staff", "moderator"}
# Refused: sent to sign in (anonymous), not allowed (403) or, for what they cannot see, not found.
REFUSED = {302, 403, 404}


def _reported_and_noted(world: World) -> None:
    """A member reports the idea and staff write an internal note on it; the status change that
    built the world is already in the moderation log."""
    report_content(world.users["member"], world.idea, reason="spam", note="Looks like an advert.")
    add_internal_note(world.changer, world.idea, f"{NOTE}: legal reviewed the pricing terms.")


@pytest.fixture(scope="module")
def world(secret, django_db_setup, django_db_blocker) -> World:
    with staged_world(secret, django_db_blocker, before_loss=_reported_and_noted) as staged:
        yield staged


# Pages that list or act on ideas for moderators. The back office's queue is refused to anyone
# without access to the back office, so there it is only checked that nothing leaks.
MODERATION_PAGES = {
    "queue": lambda idea: "/moderation/",
    "log": lambda idea: "/moderation/log/",
    "merge": lambda idea: f"/ideas/{idea.pk}/merge/",
    "admin_queue": lambda idea: "/cms/moderation/",
}


@pytest.mark.parametrize("page", list(MODERATION_PAGES))
def test_moderation_pages_show_the_secret_only_to_its_moderators(scene, page):
    response = scene.web.get(MODERATION_PAGES[page](scene.idea))

    text = text_of(response)
    if scene.viewer in MODERATORS and page != "admin_queue":
        assert response.status_code == 200
        assert scene.secret.title in text
    else:
        assert response.status_code in REFUSED | {200}, f"{page} answered {response.status_code}"
        if scene.viewer not in MODERATORS:
            assert leaked(scene, text) == {}, f"{page} leaked to {scene.viewer}"


def test_the_log_export_is_for_staff_alone(scene):
    response = scene.web.get("/moderation/log.csv")

    text = text_of(response)
    if scene.viewer == "staff":
        assert response.status_code == 200
        assert scene.secret.title in text
    else:
        assert response.status_code in REFUSED
        assert leaked(scene, text) == {}


def test_internal_notes_reach_only_the_space_moderators(scene):
    page = scene.web.get(f"/ideas/{scene.idea.pk}/")

    assert (NOTE in text_of(page)) is (scene.viewer in MODERATORS)


def test_the_api_never_carries_internal_notes(scene):
    for path in (f"/api/v1/ideas/{scene.idea.pk}/", f"/api/v1/ideas/{scene.idea.pk}/comments/", "/api/v1/ideas/"):
        response = scene.api.get(path)
        assert NOTE not in text_of(response), f"{path} carried a note to {scene.viewer}"


def test_the_report_form_names_the_secret_only_to_those_who_may_read_it(scene):
    response = scene.web.get(f"/ideas/{scene.idea.pk}/report/")

    if scene.allowed:
        assert response.status_code in {200, 400, 403}
    elif scene.viewer == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 404
    if not scene.allowed:
        assert leaked(scene, text_of(response)) == {}


def test_the_person_record_of_the_author_names_no_secret(scene):
    response = scene.web.get(f"/moderation/people/{scene.idea.author.username}/")

    assert response.status_code in REFUSED | {200}
    if not scene.allowed:
        assert leaked(scene, text_of(response)) == {}


def test_a_personal_data_download_holds_nothing_its_owner_may_not_read(scene):
    response = scene.web.get("/accounts/profile/data.json")

    if scene.viewer == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    text = json.dumps(json.loads(text_of(response)))
    if scene.viewer == "author":
        assert scene.secret.title in text
    elif not scene.allowed:
        assert leaked(scene, text) == {}
    assert NOTE not in text
