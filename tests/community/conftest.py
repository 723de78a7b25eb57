"""Fixtures for the tests of a private partner space and its invitations: the space, its owner,
and links in e-mails that point at the test server."""

import json
import time

import jwt
import pytest
import requests

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


ISSUER = "https://sso.acme.example"
CLIENT_ID = "groundswell"
SUBJECT = "00u-sam"


class FakeIdentityProvider:
    """Answers allauth's calls to the identity provider: discovery, token and userinfo endpoints."""

    def __init__(self):
        self.groups = []
        self.nonce = None

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
            "nonce": self.nonce,
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


def configure_acme(settings, server_url: str = ISSUER, **app_settings) -> None:
    """One OpenID Connect app, "Acme SSO" (`acme`), at `server_url`, with these app settings."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [
                {
                    "provider_id": "acme",
                    "name": "Acme SSO",
                    "client_id": CLIENT_ID,
                    "secret": "a-client-secret",
                    "settings": {"server_url": server_url, **app_settings},
                }
            ],
        }
    }


@pytest.fixture
def identity_provider(settings, monkeypatch):
    configure_acme(settings)
    settings.SSO_GROUP_SPACES = {
        "acme-employees": "acme-internal",
        "acme-partners-emea": {"space": "partners", "role": "moderator"},
    }
    fake = FakeIdentityProvider()
    monkeypatch.setattr(requests.Session, "request", fake.request)
    return fake
