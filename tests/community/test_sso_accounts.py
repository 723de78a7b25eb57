"""A company sign-in meets an existing password account: connected from the profile, or (for the
domains an operator trusts a provider with) automatically; never a dead end, never a second account.

The sign-in runs through allauth's real views; only the identity provider's HTTP is faked, at the
transport, as in test_sso_groups.
"""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from community.models import Membership, Space, User
from tests.community.conftest import ISSUER, SUBJECT, FakeIdentityProvider, configure_acme
from tests.community.factories import SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db

EXISTS = "An account with this e-mail address already exists."
DEAD_END = "Verify your e-mail address"


class IdentityProvider(FakeIdentityProvider):
    """The fake provider, with the address it asserts (and whether it says it verified it) set by the test."""

    def __init__(self):
        super().__init__()
        self.email = "sam@acme.com"
        self.email_verified = True

    def answer(self, method: str, url: str) -> dict:
        answer = super().answer(method, url)
        if url == f"{ISSUER}/userinfo":
            answer = {**answer, "email": self.email, "email_verified": self.email_verified}
        return answer


@pytest.fixture
def identity_provider(settings, monkeypatch):
    configure_acme(settings)
    fake = IdentityProvider()
    monkeypatch.setattr(requests.Session, "request", fake.request)
    return fake


@pytest.fixture
def sam(password):
    """A password account with the address the provider will assert."""
    return UserFactory(username="sam", email="sam@acme.com", password=password)


def through_sso(client, identity_provider, *, process: str | None = None):
    """Press "Acme SSO" (or "Connect Acme SSO"), come back from the provider with a code; the answer to that."""
    query = f"?process={process}" if process else ""
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "acme"}) + query)
    assert start.status_code == 302
    query = parse_qs(urlparse(start["Location"]).query)
    (state,), (identity_provider.nonce,) = query["state"], query["nonce"]
    return client.get(
        reverse("openid_connect_callback", kwargs={"provider_id": "acme"}), {"code": "a-code", "state": state}
    )


def sign_in_with_password(client, user, password):
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302
    assert signed_in_user(client) == user


def signed_in_user(client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def test_signing_in_through_the_provider_with_the_address_of_a_password_account_says_how_to_connect(
    client, identity_provider, sam
):
    response = through_sso(client, identity_provider)

    page = response.content.decode()
    assert response.status_code == 200
    assert EXISTS in page
    assert "Sign in with your password, then connect Acme SSO from your profile." in page
    assert DEAD_END not in page
    assert User.objects.filter(email__iexact="sam@acme.com").count() == 1
    assert not SocialAccount.objects.exists()
    assert signed_in_user(client) is None


def test_connected_from_the_profile_the_provider_then_signs_in_to_the_same_account(
    client, identity_provider, sam, password
):
    sign_in_with_password(client, sam, password)
    profile = client.get(reverse("community:profile")).content.decode()
    assert "Connect Acme SSO" in profile

    connected = through_sso(client, identity_provider, process="connect")

    assert connected.status_code == 302
    assert connected["Location"] == reverse("community:profile")
    account = SocialAccount.objects.get()
    assert (account.user, account.provider, account.uid) == (sam, "acme", SUBJECT)

    client.logout()
    signed_in = through_sso(client, identity_provider)

    assert signed_in.status_code == 302
    assert signed_in_user(client) == sam
    assert User.objects.count() == 1


def test_the_profile_lists_a_connection_and_removes_it(client, identity_provider, sam, password):
    sign_in_with_password(client, sam, password)
    through_sso(client, identity_provider, process="connect")
    account = SocialAccount.objects.get()

    page = client.get(reverse("community:profile")).content.decode()
    assert "Acme SSO" in page
    assert "sam@acme.com" in page
    assert "Connect Acme SSO" not in page

    removed = client.post(reverse("community:disconnect_account", args=[account.pk]))

    assert removed.status_code == 302
    assert removed["Location"] == reverse("community:profile")
    assert not SocialAccount.objects.exists()
    assert "Connect Acme SSO" in client.get(reverse("community:profile")).content.decode()


def test_the_only_way_to_sign_in_cannot_be_removed(client, identity_provider):
    through_sso(client, identity_provider)
    account = SocialAccount.objects.get()
    assert not account.user.has_usable_password()

    refused = client.post(reverse("community:disconnect_account", args=[account.pk]), follow=True)

    assert SocialAccount.objects.filter(pk=account.pk).exists()
    assert "Your account has no password set up." in refused.content.decode()


def test_someone_elses_connection_cannot_be_removed(client, identity_provider, member, password):
    through_sso(client, identity_provider)
    account = SocialAccount.objects.get()
    client.logout()
    sign_in_with_password(client, member, password)

    assert client.post(reverse("community:disconnect_account", args=[account.pk])).status_code == 404
    assert SocialAccount.objects.filter(pk=account.pk).exists()


def test_a_trusted_domain_connects_a_verified_address_to_the_existing_account(client, identity_provider, sam, settings):
    settings.SSO_TRUSTED_EMAIL_DOMAINS = {"acme": ["acme.com"]}

    response = through_sso(client, identity_provider)

    assert response.status_code == 302
    assert signed_in_user(client) == sam
    account = SocialAccount.objects.get()
    assert (account.user, account.uid) == (sam, SUBJECT)
    assert User.objects.count() == 1


def test_an_unconfirmed_address_of_the_existing_account_counts_as_verified_once_a_trusted_provider_vouches(
    client, identity_provider, password, settings
):
    settings.SSO_TRUSTED_EMAIL_DOMAINS = {"acme": ["ACME.com"]}
    internal = SpaceFactory(visibility=Space.Visibility.INTERNAL, allowed_email_domains=["acme.com"])
    sam = UserFactory(username="sam", email="sam@acme.com", password=password, email_verified=False)

    response = through_sso(client, identity_provider)

    assert response.status_code == 302
    assert signed_in_user(client) == sam
    assert EmailAddress.objects.get(user=sam).verified
    assert Membership.objects.filter(user=sam, space=internal, source=Membership.Source.DOMAIN).exists()
    # Whoever typed that password never proved the address was theirs: allauth wipes it.
    sam.refresh_from_db()
    assert not sam.has_usable_password()


@pytest.mark.parametrize(
    ("trusted", "verified"),
    [
        pytest.param(None, True, id="setting-off-by-default"),
        pytest.param({"acme": ["acme.com"]}, False, id="address-not-verified-by-the-provider"),
        pytest.param({"acme": ["acme.example"]}, True, id="another-domain"),
        pytest.param({"other-provider": ["acme.com"]}, True, id="another-provider"),
    ],
)
def test_without_a_trusted_verified_address_nothing_is_connected(
    client, identity_provider, sam, settings, trusted, verified
):
    if trusted is not None:
        settings.SSO_TRUSTED_EMAIL_DOMAINS = trusted
    identity_provider.email_verified = verified

    response = through_sso(client, identity_provider)

    assert EXISTS in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert signed_in_user(client) is None
    sam.refresh_from_db()
    assert sam.has_usable_password()


def test_a_new_sso_account_on_an_internal_spaces_domain_joins_it(client, identity_provider):
    internal = SpaceFactory(visibility=Space.Visibility.INTERNAL, allowed_email_domains=["acme.com"])

    response = through_sso(client, identity_provider)

    assert response.status_code == 302
    sam = signed_in_user(client)
    assert sam.email == "sam@acme.com"
    assert Membership.objects.filter(user=sam, space=internal, source=Membership.Source.DOMAIN).exists()


def test_a_new_sso_account_whose_address_the_provider_did_not_verify_joins_no_space(client, identity_provider):
    SpaceFactory(visibility=Space.Visibility.INTERNAL, allowed_email_domains=["acme.com"])
    identity_provider.email_verified = False

    through_sso(client, identity_provider)

    assert not Membership.objects.exists()


def test_a_connection_to_a_provider_no_longer_configured_is_listed_but_not_removable(
    client, identity_provider, sam, password, settings
):
    sign_in_with_password(client, sam, password)
    through_sso(client, identity_provider, process="connect")
    account = SocialAccount.objects.get()
    settings.SOCIALACCOUNT_PROVIDERS = {}

    page = client.get(reverse("community:profile")).content.decode()

    assert SUBJECT in page
    assert "No longer offered" in page
    assert client.post(reverse("community:disconnect_account", args=[account.pk])).status_code == 404
    assert SocialAccount.objects.filter(pk=account.pk).exists()
