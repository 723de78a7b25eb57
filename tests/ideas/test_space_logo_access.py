"""A space's logo reaches those who may see the space: a private partner's logo is theirs to show."""

import re

import pytest
from django.core.files.base import ContentFile

from community.models import Membership, Space
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.test_image_access import PNG, body_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("debug_urls")]


def space_with_logo(visibility) -> Space:
    space = SpaceFactory(visibility=visibility)
    space.logo.save("logo.png", ContentFile(PNG))
    return space


def logo_urls_on_page(client, space: Space) -> tuple[str, str]:
    """The logo's address in the page and in its Open Graph tag."""
    page = client.get(f"/spaces/{space.slug}/").content.decode()
    shown = re.search(r'<img class="space-logo" src="([^"]+)"', page).group(1)
    preview = re.search(r'<meta property="og:image" content="http://testserver([^"]+)"', page).group(1)
    return shown, preview


def test_the_logo_of_a_public_space_is_public_and_cacheable(client):
    space = space_with_logo(Space.Visibility.PUBLIC)
    shown, preview = logo_urls_on_page(client, space)

    response = client.get(shown)

    assert shown == preview
    assert response.status_code == 200
    assert body_of(response) == PNG
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("visibility", [Space.Visibility.PRIVATE, Space.Visibility.INTERNAL])
def test_the_logo_of_a_private_space_reaches_its_members_only(client, visibility):
    space = space_with_logo(visibility)
    member = UserFactory()
    MembershipFactory(user=member, space=space)
    client.force_login(member)
    shown, _preview = logo_urls_on_page(client, space)

    response = client.get(shown)

    assert response.status_code == 200
    assert body_of(response) == PNG
    assert "private" in response["Cache-Control"]
    assert client.get(f"/media/{space.logo.name}").status_code == 404
    Membership.objects.filter(user=member).delete()
    assert client.get(shown).status_code == 404
    client.logout()
    assert client.get(shown).status_code == 404


def test_a_name_other_than_the_space_logo_is_not_found(client):
    space = space_with_logo(Space.Visibility.PUBLIC)
    other = space_with_logo(Space.Visibility.PRIVATE)
    shown, _preview = logo_urls_on_page(client, space)

    assert client.get(shown.replace(space.logo.name.split("/")[1], other.logo.name.split("/")[1])).status_code == 404
