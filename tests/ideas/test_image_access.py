"""Images attached to ideas reach only those who may read the idea, whatever URL they hold.

The URL of an image is taken from the idea's page as a member sees it, as an outsider would
get it from a forwarded link; the file itself is the re-encoded upload on disk. The URLs are
those of `runserver` (DEBUG on), which also serve the media folder's public part.
"""

import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from community.models import Membership, Space
from ideas.models import Idea, IdeaImage
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("debug_urls")]

HIDDEN_SPACES = [Space.Visibility.PRIVATE, Space.Visibility.INTERNAL]


def png_bytes() -> bytes:
    output = BytesIO()
    Image.new("RGB", (8, 6), color="teal").save(output, format="PNG")
    return output.getvalue()


PNG = png_bytes()


def attach_image(idea: Idea) -> IdeaImage:
    return IdeaImage.objects.create(idea=idea, image=ContentFile(PNG, name="photo.png"))


def client_of(client, user):
    if user is not None:
        client.force_login(user)
    return client


def image_url_on_page(client, idea: Idea) -> str:
    """The address the idea's page gives its first image."""
    page = client.get(idea.get_absolute_url())
    assert page.status_code == 200
    return re.search(r'<img src="([^"]+)"[^>]*Image 1 of', page.content.decode()).group(1)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def private_idea(request):
    space = SpaceFactory(visibility=getattr(request, "param", Space.Visibility.PRIVATE))
    idea = IdeaFactory(space=space)
    MembershipFactory(user=idea.author, space=space)
    attach_image(idea)
    return idea


@pytest.fixture
def member_of(private_idea):
    user = UserFactory()
    MembershipFactory(user=user, space=private_idea.space)
    return user


@pytest.mark.parametrize("private_idea", HIDDEN_SPACES, indirect=True)
def test_a_member_gets_the_image_with_its_bytes_and_type(client, private_idea, member_of):
    client_of(client, member_of)
    url = image_url_on_page(client, private_idea)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body_of(response) == PNG
    assert "public" not in response["Cache-Control"]
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("private_idea", HIDDEN_SPACES, indirect=True)
@pytest.mark.parametrize("outsider", ["anonymous", "signed_in", "member_elsewhere"])
def test_an_outsider_holding_the_url_gets_not_found(client, private_idea, member_of, outsider):
    url = image_url_on_page(client_of(client, member_of), private_idea)
    client.logout()
    user = {"anonymous": None, "signed_in": UserFactory(), "member_elsewhere": UserFactory()}[outsider]
    if outsider == "member_elsewhere":
        MembershipFactory(user=user, space=SpaceFactory(visibility=Space.Visibility.PRIVATE))

    response = client_of(client, user).get(url)

    assert response.status_code == 404
    assert PNG not in response.content


def test_a_removed_member_gets_not_found_on_the_next_request(client, private_idea, member_of):
    client_of(client, member_of)
    url = image_url_on_page(client, private_idea)
    assert client.get(url).status_code == 200

    Membership.objects.filter(user=member_of, space=private_idea.space).delete()

    assert client.get(url).status_code == 404


def test_an_unknown_name_is_not_found_as_well(client, member_of, private_idea):
    client_of(client, member_of)
    url = image_url_on_page(client, private_idea)

    assert client.get(re.sub(r"[0-9a-f]{32}", "0" * 32, url)).status_code == 404


def test_a_visitor_gets_a_public_image_that_caches_may_keep(client):
    idea = IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PUBLIC))
    attach_image(idea)
    url = image_url_on_page(client, idea)

    response = client.get(url)

    assert response.status_code == 200
    assert body_of(response) == PNG
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "public" in cache_control
    assert any(part.startswith("max-age=") and int(part.split("=")[1]) > 0 for part in cache_control)
    assert "private" not in cache_control


def test_the_image_of_a_hidden_idea_reaches_its_author_and_moderators_only(client):
    space = SpaceFactory(visibility=Space.Visibility.PUBLIC)
    idea = IdeaFactory(space=space)
    attach_image(idea)
    url = image_url_on_page(client, idea)
    Idea.objects.filter(pk=idea.pk).update(hidden=True)
    moderator = UserFactory()
    MembershipFactory(user=moderator, space=space, role=Membership.Role.MODERATOR)

    assert client.get(url).status_code == 404
    assert client_of(client, UserFactory()).get(url).status_code == 404
    for insider in (idea.author, moderator):
        response = client_of(client, insider).get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]


def test_an_idea_moved_to_a_private_space_takes_its_image_along(client):
    idea = IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PUBLIC))
    attach_image(idea)
    url = image_url_on_page(client, idea)

    Idea.objects.filter(pk=idea.pk).update(space=SpaceFactory(visibility=Space.Visibility.PRIVATE))

    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("server", "header", "expected"),
    [
        ("nginx", "X-Accel-Redirect", lambda name, root: f"/protected-media/{name}"),
        ("apache", "X-Sendfile", lambda name, root: str(root / name)),
    ],
)
def test_the_web_server_may_send_the_file_after_the_check(
    client, settings, member_of, private_idea, server, header, expected
):
    settings.MEDIA_ACCEL_REDIRECT = server
    client_of(client, member_of)
    url = image_url_on_page(client, private_idea)

    response = client.get(url)
    refused = client_of(client, UserFactory()).get(url)

    assert response.status_code == 200
    assert response[header] == expected(private_idea.images.get().image.name, settings.MEDIA_ROOT)
    assert response.content == b""
    assert response["Content-Type"] == "image/png"
    assert "private" in response["Cache-Control"]
    assert refused.status_code == 404
    assert header not in refused


def test_the_raw_media_address_no_longer_serves_idea_images(client, member_of, private_idea):
    client_of(client, member_of)
    raw = f"/media/{private_idea.images.get().image.name}"

    assert client.get(raw).status_code == 404
    assert client.get(image_url_on_page(client, private_idea)).status_code == 200


def test_a_merged_idea_keeps_its_image_for_those_who_may_read_it(client, private_idea, member_of):
    url = image_url_on_page(client_of(client, member_of), private_idea)
    Idea.objects.filter(pk=private_idea.pk).update(merged_into=IdeaFactory(space=private_idea.space))

    assert client.get(url).status_code == 200
    assert client_of(client, UserFactory()).get(url).status_code == 404
