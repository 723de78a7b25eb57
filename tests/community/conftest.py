"""Fixtures for the tests of a private partner space and its invitations: the space, its owner,
and links in e-mails that point at the test server."""

import pytest

from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.community.hashers import CountingHasher


@pytest.fixture
def links_to_the_test_server(settings):
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def space():
    return SpaceFactory(slug="partners", name="Partner Programme", visibility="private")


@pytest.fixture
def owner(space):
    return MembershipFactory(space=space, role="owner", user=UserFactory(username="olivia")).user


@pytest.fixture
def hashings(settings):
    """Counts the passwords hashed (to store or to check) while the test runs."""
    settings.PASSWORD_HASHERS = ["tests.community.hashers.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher
