"""Fixtures for the tests of a private partner space and its invitations: the space, its owner,
and links in e-mails that point at the test server."""

import pytest

from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory


@pytest.fixture
def links_to_the_test_server(settings):
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def space():
    return SpaceFactory(slug="partners", name="Partner Programme", visibility="private")


@pytest.fixture
def owner(space):
    return MembershipFactory(space=space, role="owner", user=UserFactory(username="olivia")).user
