"""Groups of a company's OpenID Connect identity provider decide memberships of the spaces they map to.

The sign-in runs through allauth's real views; only the identity provider's HTTP is faked, at the
transport (`requests.Session.request`), as allauth's own provider tests do.
"""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from community.models import Membership, Profile, Space
from tests.community.conftest import ISSUER
from tests.community.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def internal():
    return SpaceFactory(slug="acme-internal", visibility=Space.Visibility.INTERNAL)


@pytest.fixture
def partners():
    return SpaceFactory(slug="partners", visibility=Space.Visibility.PRIVATE)


def sign_in_through_sso(client, identity_provider, groups):
    """Press "Acme SSO", come back from the identity provider with a code: the browser's round trip."""
    identity_provider.groups = groups
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "acme"}))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{ISSUER}/authorize")
    query = parse_qs(urlparse(start["Location"]).query)
    (state,), (identity_provider.nonce,) = query["state"], query["nonce"]
    callback = client.get(
        reverse("openid_connect_callback", kwargs={"provider_id": "acme"}), {"code": "a-code", "state": state}
    )
    assert callback.status_code == 302, callback.content.decode()
    client.logout()


def memberships_of_sam():
    return {(m.space.slug, m.role, m.source) for m in Membership.objects.filter(user__email="sam@acme.com")}


def test_a_mapped_group_makes_the_person_a_member_and_losing_it_ends_that(client, identity_provider, internal):
    sign_in_through_sso(client, identity_provider, ["acme-employees"])

    assert memberships_of_sam() == {("acme-internal", Membership.Role.MEMBER, Membership.Source.SSO)}
    assert Profile.objects.get(user__email="sam@acme.com").segment == Profile.Segment.EMPLOYEE

    sign_in_through_sso(client, identity_provider, [])

    assert memberships_of_sam() == set()
    assert Profile.objects.get(user__email="sam@acme.com").segment == Profile.Segment.CUSTOMER


def test_a_mapping_can_give_a_role_and_unmapped_groups_do_nothing(client, identity_provider, internal, partners):
    sign_in_through_sso(client, identity_provider, ["acme-partners-emea", "acme-cafeteria", "everyone"])

    assert memberships_of_sam() == {("partners", Membership.Role.MODERATOR, Membership.Source.SSO)}
    assert Profile.objects.get(user__email="sam@acme.com").segment == Profile.Segment.PARTNER


def test_memberships_from_an_invitation_are_never_touched(client, identity_provider, internal, partners):
    sign_in_through_sso(client, identity_provider, ["acme-employees"])
    sam = Membership.objects.get(space=internal).user
    MembershipFactory(user=sam, space=partners, source=Membership.Source.INVITATION)

    sign_in_through_sso(client, identity_provider, ["acme-partners-emea"])
    sign_in_through_sso(client, identity_provider, [])

    assert memberships_of_sam() == {("partners", Membership.Role.MEMBER, Membership.Source.INVITATION)}
