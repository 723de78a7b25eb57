"""OpenID Connect sign-in against a real provider on loopback (django-oauth-toolkit: RS256, discovery,
userinfo, PKCE required, a `groups` claim), through the portal's real views and HTTP."""

import socket
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from community.models import Membership, Space
from tests.community.factories import SpaceFactory
from tests.oidc_provider.running import running_provider, sign_in_and_consent

pytestmark = pytest.mark.django_db

CALLBACK = "/accounts/oidc/acme/login/callback/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("provider"), f"http://testserver{CALLBACK}") as running:
        yield running


@pytest.fixture
def acme(provider, settings):
    cache.clear()
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {**settings.SOCIALACCOUNT_PROVIDERS["openid_connect"], "APPS": [provider.app()]}
    }
    settings.SSO_GROUP_SPACES = {"acme-employees": "acme-internal"}
    return provider


def sign_in(client, *, tamper=lambda query: query):
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "acme"}))
    back = urlsplit(sign_in_and_consent(start["Location"]))
    assert back.path == CALLBACK
    return client.get(back.path, tamper({k: v[0] for k, v in parse_qs(back.query).items()}))


def test_the_confirmation_page_may_post_to_the_provider_and_nowhere_else(client, acme):
    policy = client.get(reverse("openid_connect_login", kwargs={"provider_id": "acme"}))["Content-Security-Policy"]
    assert "form-action 'self' http://127.0.0.1:" in policy
    (form_action,) = [d for d in policy.split(";") if d.strip().startswith("form-action")]
    assert form_action.split() == ["form-action", "'self'", acme.url.removesuffix("/o")]


def test_the_redirect_sends_pkce_and_a_nonce(client, acme):
    start = client.post(reverse("openid_connect_login", kwargs={"provider_id": "acme"}))
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"]
    assert query["nonce"]


def test_groups_map_to_spaces_and_a_removed_group_ends_the_membership(client, acme):
    internal = SpaceFactory(slug="acme-internal", visibility=Space.Visibility.INTERNAL)
    acme.set_groups(["acme-employees"])
    assert sign_in(client).status_code == 302
    person = client.get(reverse("community:profile")).wsgi_request.user
    assert Membership.objects.filter(user=person, space=internal).exists()
    client.logout()
    acme.set_groups([])
    assert sign_in(client).status_code == 302
    assert not Membership.objects.filter(user=person, space=internal).exists()


def test_a_provider_gone_silent_before_the_person_comes_back_gets_the_sites_page(client, acme, settings):
    def provider_goes_down(query):
        with socket.socket() as closed:
            closed.bind(("127.0.0.1", 0))
            (app,) = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
            app["settings"] = {"server_url": f"http://127.0.0.1:{closed.getsockname()[1]}"}
        return query

    response = sign_in(client, tamper=provider_goes_down)
    assert response.status_code == 503
    assert "Your company sign-in is not answering" in response.content.decode()


def test_a_wrong_state_is_refused(client, acme):
    response = sign_in(client, tamper=lambda query: {**query, "state": "another-state"})
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session
