"""Uploads by every kind of viewer: the secret idea's image and its space's logo reach only
those who may see the idea or the space, and the media folder itself hands them to no one.

The files are written once per module and secret, to a media folder of the module's own that
every test of it then uses.
"""

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings

from ideas.models import IdeaImage
from tests.access.conftest import EntryPoint, World, check, entry_points, staged_world
from tests.ideas.test_image_access import PNG, body_of

pytestmark = pytest.mark.django_db

NAMED_SPACE = frozenset({"private", "internal"})


def _uploads(world: World) -> None:
    """The author attached an image to the secret idea; an editor gave its space a logo."""
    IdeaImage.objects.create(idea=world.idea, image=ContentFile(PNG, name="photo.png"))
    world.space.logo.save("logo.png", ContentFile(PNG))


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def world(secret, media_root, django_db_setup, django_db_blocker) -> World:
    with (
        override_settings(MEDIA_ROOT=media_root),
        staged_world(secret, django_db_blocker, before_loss=_uploads) as staged,
    ):
        yield staged


@pytest.fixture(autouse=True)
def _media_of_the_world(settings, media_root, _isolated_state):
    settings.MEDIA_ROOT = media_root


def image_of(scene) -> IdeaImage:
    return scene.idea.images.get()


MEDIA = [
    EntryPoint(
        "idea_image",
        lambda scene: scene.web.get(image_of(scene).get_absolute_url()),
        direct=frozenset({"private", "internal", "hidden"}),
    ),
    EntryPoint(
        "space_logo",
        lambda scene: scene.web.get(f"/spaces/{scene.space.slug}/logo/{scene.space.logo.name.rpartition('/')[2]}"),
        direct=NAMED_SPACE,
    ),
]


@entry_points(*MEDIA)
def test_an_upload_reaches_only_those_allowed(scene, entry):
    check(scene, entry, refused=set())


def test_those_allowed_get_the_image_itself_and_no_shared_cache_keeps_it(scene):
    response = scene.web.get(image_of(scene).get_absolute_url())

    if scene.allowed:
        assert body_of(response) == PNG
        assert "public" not in response["Cache-Control"]
    else:
        assert response.status_code == 404


@pytest.mark.usefixtures("debug_urls")
@pytest.mark.parametrize("upload", ["image", "logo"])
def test_the_media_folder_hands_the_upload_to_no_one(scene, upload):
    name = image_of(scene).image.name if upload == "image" else scene.space.logo.name

    assert scene.web.get(f"/media/{name}").status_code == 404
