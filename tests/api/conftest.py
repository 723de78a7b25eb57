"""What the API tests share: a client that calls the API with a bearer token, and one signed in to the back office."""

import pytest
from django.test import Client

from api.services import create_api_token
from tests.community.factories import UserFactory
from tests.ideas.pages import portal_fixture  # noqa: F401 -- the `portal` fixture


@pytest.fixture
def token_client():
    """`token_client(user, write=False, spaces=(), mapping=None)`: a client sending a new token of `user`."""

    def client_for(user, *, write: bool = False, spaces=(), mapping: dict | None = None) -> Client:
        _token, key = create_api_token(user, user, name="test", can_write=write, spaces=spaces, status_mapping=mapping)
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return client_for


@pytest.fixture
def admin():
    """A superuser, for the back office (Wagtail admin)."""
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client
