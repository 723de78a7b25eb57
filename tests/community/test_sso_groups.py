"""Groups of a company's OpenID Connect identity provider decide memberships of the spaces they map to.

The sign-in runs through allauth's real views; only the identity provider's HTTP is faked, at the
transport (`requests.Session.request`), as allauth's own provider tests do.
"""

import json
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import requests
from django.urls import reverse

from community.models import Membership, Profile, Space
from tests.community.factories import MembershipFactory, SpaceFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://sso.acme.example"
CLIENT_ID = "groundswell"
SUBJECT = "00u-sam"


class FakeIdentityProvider:
    """Answers allauth's calls to the identity provider: discovery, token and userinfo endpoints."""

    def __init__(self):
        self.groups = []

    def id_token(self) -> str:
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": SUBJECT,
            "iat": int(time.time()),
            "exp": int(time.time()) + 300,
            "email": "sam@acme.com",
            "email_verified": True,
            "groups": self.groups,
        }
        return jwt.encode(claims, "the-identity-providers-signing-key-0123456789", algorithm="HS256")

    def answer(self, method: str, url: str) -> dict:
        answers = {
            ("GET", f"{ISSUER}/.well-known/openid-configuration"): {
                "issuer": ISSUER,
                "authorization_endpoint": f"{ISSUER}/authorize",
                "token_endpoint": f"{ISSUER}/token",
                "userinfo_endpoint": f"{ISSUER}/userinfo",
                "jwks_uri": f"{ISSUER}/keys",
                "token_endpoint_auth_methods_supported": ["client_secret_post"],
            },
            ("POST", f"{ISSUER}/token"): {
                "access_token": "an-access-token",
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": self.id_token(),
            },
            # The userinfo answer carries no groups: they come in the ID token.
            ("GET", f"{ISSUER}/userinfo"): {"sub": SUBJECT, "email": "sam@acme.com", "email_verified": True},
        }
        return answers[(method.upper(), url)]

    def request(self, method, url, *args, **kwargs) -> requests.Response:
        response = requests.Response()
        response.status_code = 200
        response.url = url
        response.headers["Content-Type"] = "application/json"
        response._content = json.dumps(self.answer(method, url)).encode()
        return response


@pytest.fixture
def identity_provider(settings, monkeypatch):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "acme",
                    "name": "Acme SSO",
                    "client_id": CLIENT_ID,
                    "secret": "a-client-secret",
                    "settings": {"server_url": ISSUER},
                }
            ]
        }
    }
    settings.SSO_GROUP_SPACES = {
        "acme-employees": "acme-internal",
        "acme-partners-emea": {"space": "partners", "role": "moderator"},
    }
    fake = FakeIdentityProvider()
    monkeypatch.setattr(requests.Session, "request", fake.request)
    return fake


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
    (state,) = parse_qs(urlparse(start["Location"]).query)["state"]
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
