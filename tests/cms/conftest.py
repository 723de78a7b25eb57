"""Fixtures of the site's pages: the home page at /, and spaces of each visibility."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cms.models import HomePage
from community.models import Membership, Space
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory


@pytest.fixture
def home() -> HomePage:
    return HomePage.objects.get()


@pytest.fixture
def public_space() -> Space:
    return SpaceFactory(slug="product", name="Acme Product")


@pytest.fixture
def private_space() -> Space:
    return SpaceFactory(slug="partners", name="Walrus Partner Lounge", visibility=Space.Visibility.PRIVATE)


@pytest.fixture
def partner(private_space):
    """A member of the private space."""
    user = UserFactory(username="partner")
    MembershipFactory(user=user, space=private_space)
    return user


@pytest.fixture
def staff():
    return UserFactory(username="editor", is_staff=True)


@pytest.fixture
def moderator(public_space):
    user = UserFactory(username="moderator")
    MembershipFactory(user=user, space=public_space, role=Membership.Role.MODERATOR)
    return user


@pytest.fixture
def anonymous_user():
    return AnonymousUser()
