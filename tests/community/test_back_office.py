"""Staff manage spaces, memberships and categories in the Wagtail back office."""

import pytest

from community.models import Membership, Space
from ideas.models import Category
from tests.community.factories import SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_create_a_private_space(admin_client):
    response = admin_client.post(
        "/cms/space/new/",
        {
            "name": "Partner lab",
            "slug": "partner-lab",
            "visibility": "private",
            "description": "",
            "allowed_email_domains": "[]",
            "premoderate_first_posts": "2",
        },
    )
    assert response.status_code == 302
    space = Space.objects.get(slug="partner-lab")
    assert (space.visibility, space.premoderate_first_posts) == (Space.Visibility.PRIVATE, 2)


def test_staff_make_someone_moderator_of_a_space(admin_client):
    space, person = SpaceFactory(), UserFactory()
    response = admin_client.post("/cms/membership/new/", {"space": space.pk, "user": person.pk, "role": "moderator"})
    assert response.status_code == 302
    assert Membership.objects.get(space=space, user=person).role == Membership.Role.MODERATOR


def test_staff_add_a_category_to_a_space(admin_client):
    space = SpaceFactory()
    response = admin_client.post("/cms/categories/new/", {"space": space.pk, "name": "Reporting", "slug": "reporting"})
    assert response.status_code == 302
    assert Category.objects.get(space=space).name == "Reporting"


@pytest.mark.parametrize("path", ["/cms/space/", "/cms/membership/", "/cms/categories/"])
def test_listings_open_for_staff_and_not_for_members(admin_client, client, path):
    assert admin_client.get(path).status_code == 200
    client.force_login(UserFactory())
    assert client.get(path).status_code in {302, 403}
