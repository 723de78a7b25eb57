"""The start of an OpenID Connect sign-in: its CSP, PKCE and nonce, and a provider that does not answer.

`identity_provider` answers at the transport; the unreachable and the silent provider are real sockets
on loopback.
"""

import logging
import socket
import time
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.core.cache import cache
from django.urls import reverse

from tests.community.conftest import ISSUER, configure_acme

pytestmark = pytest.mark.django_db

UNAVAILABLE = "Your company sign-in is not answering; try again or use your password."


@pytest.fixture(autouse=True)
def no_cached_discovery():
    cache.clear()


def login_url():
    return reverse("openid_connect_login", kwargs={"provider_id": "acme"})


def form_action(response) -> list[str]:
    directives = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";"))
    return directives["form-action"].split()


def test_the_confirmation_page_may_send_its_form_to_the_provider_and_nowhere_else(client, identity_provider):
    page = client.get(login_url())
    assert page.status_code == 200
    assert form_action(page) == ["'self'", ISSUER]
    assert form_action(client.get(reverse("account_login"))) == ["'self'"]


def test_the_discovery_document_is_fetched_once(client, identity_provider, monkeypatch):
    client.get(login_url())
    monkeypatch.setattr(identity_provider, "answer", None)  # any further call would fail
    assert form_action(client.get(login_url())) == ["'self'", ISSUER]


def test_the_redirect_to_the_provider_sends_pkce_and_a_nonce(client, identity_provider):
    query = parse_qs(urlparse(client.post(login_url())["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert len(query["nonce"][0]) >= 32


def test_the_operator_may_turn_pkce_and_the_nonce_off(client, identity_provider, settings):
    configure_acme(settings, ISSUER, oauth_pkce_enabled=False, nonce_enabled=False)
    query = parse_qs(urlparse(client.post(login_url())["Location"]).query)
    assert "code_challenge" not in query
    assert "nonce" not in query


def come_back(client, identity_provider, *, state=None, nonce=None):
    query = parse_qs(urlparse(client.post(login_url())["Location"]).query)
    identity_provider.nonce = nonce or query["nonce"][0]
    callback = reverse("openid_connect_callback", kwargs={"provider_id": "acme"})
    return client.get(callback, {"code": "a-code", "state": state or query["state"][0]})


def test_the_person_comes_back_signed_in(client, identity_provider):
    assert come_back(client, identity_provider).status_code == 302
    assert client.get(reverse("community:profile")).status_code == 200


@pytest.mark.parametrize("wrong", [{"state": "another-state"}, {"nonce": "another-sign-ins-nonce"}])
def test_a_wrong_state_or_nonce_is_refused(client, identity_provider, wrong):
    response = come_back(client, identity_provider, **wrong)
    assert response.status_code == 401
    assert "Third-Party Login Failure" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.fixture
def unreachable(settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    configure_acme(settings, f"http://127.0.0.1:{port}")


@pytest.fixture
def silent(settings):
    """A provider that takes the connection and never answers."""
    settings.SOCIALACCOUNT_REQUESTS_TIMEOUT = 1
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        configure_acme(settings, f"http://127.0.0.1:{listener.getsockname()[1]}")
        yield


@pytest.mark.parametrize("provider", ["unreachable", "silent"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_provider_that_does_not_answer_gets_the_sites_page(client, request, provider, method, caplog):
    request.getfixturevalue(provider)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="community.views.sso"):
        response = getattr(client, method)(login_url())
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    page = response.content.decode()
    assert UNAVAILABLE in page
    assert f'href="{reverse("account_login")}"' in page
    assert "acme is not answering" in caplog.text


def test_a_provider_that_stops_answering_before_the_token_gets_the_sites_page(client, identity_provider, caplog):
    answer = identity_provider.answer

    def token_times_out(method, url):
        if url.endswith("/token"):
            raise requests.ConnectTimeout("no answer in time")
        return answer(method, url)

    identity_provider.answer = token_times_out
    with caplog.at_level(logging.WARNING, logger="community.adapters"):
        response = come_back(client, identity_provider)
    assert response.status_code == 503
    assert UNAVAILABLE in response.content.decode()
    assert "is not answering" in caplog.text
    assert "_auth_user_id" not in client.session


def test_an_unknown_provider_is_not_found(client, identity_provider):
    assert client.get(reverse("openid_connect_login", kwargs={"provider_id": "globex"})).status_code == 404
