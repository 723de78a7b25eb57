"""What the portal adds to allauth's company sign-in: the provider's origin for our CSP (OpenID Connect
and SAML), and a nonce (OpenID Connect).

allauth 65 sends no `nonce` and checks none; `add_nonce` puts one in the authorization redirect,
remembered per `state`, and `nonce_matches` checks the ID token's claim when the person comes back.
"""

import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from allauth.socialaccount.providers.saml.utils import build_saml_config
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare

# Discovery documents change rarely; an hour keeps a provider's move from breaking sign-in for long.
DISCOVERY_CACHE_SECONDS = 60 * 60
NONCES = "community.sso_nonces"
# Sign-ins started but never finished (a closed tab) leave their nonce behind; keep the latest few.
NONCES_KEPT = 5


def provider(request: HttpRequest, provider_id: str):
    """The configured OpenID Connect provider `provider_id`; `SocialApp.DoesNotExist` when there is none."""
    return get_adapter().get_provider(request, provider_id)


def authorization_origin(request: HttpRequest, provider_id: str) -> str:
    """The scheme, host and port of the provider's authorization endpoint, from its discovery document
    (the app's `openid_configuration_overrides` first, as allauth reads it). Fetched once, then cached;
    a provider that does not answer raises `requests.RequestException`."""
    app_provider = provider(request, provider_id)
    if endpoint := app_provider.app.settings.get("openid_configuration_overrides", {}).get("authorization_endpoint"):
        return _origin(endpoint)
    key = f"community.sso.authorization_origin:{app_provider.server_url}"
    if (origin := cache.get(key)) is None:
        with get_adapter().get_requests_session() as session:
            response = session.get(app_provider.server_url)
            response.raise_for_status()
            origin = _origin(response.json()["authorization_endpoint"])
        cache.set(key, origin, DISCOVERY_CACHE_SECONDS)
    return origin


def saml_sso_origin(request: HttpRequest, organization_slug: str) -> str:
    """The scheme, host and port of the SAML identity provider's single sign-on service, as allauth
    builds its configuration (from the app's `idp` settings, or its metadata URL, which allauth caches).
    `SocialApp.DoesNotExist` when no SAML app has this slug."""
    app = get_adapter().get_app(request, provider=SAMLProvider.id, client_id=organization_slug)
    config = build_saml_config(request, app.settings, organization_slug)
    return _origin(config["idp"]["singleSignOnService"]["url"])


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def nonce_enabled(app_provider) -> bool:
    """On unless the app's settings (`nonce_enabled`) or the provider's (`NONCE_ENABLED`) turn it off,
    looked up like allauth's `oauth_pkce_enabled`."""
    enabled = app_provider.app.settings.get("nonce_enabled")
    return app_provider.get_settings().get("NONCE_ENABLED", True) if enabled is None else enabled


def add_nonce(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Add a fresh `nonce` to allauth's redirect to the provider, remembered under the redirect's `state`."""
    location = urlsplit(response["Location"])
    state = dict(parse_qsl(location.query)).get("state")
    nonce = secrets.token_urlsafe(32)
    nonces = list(request.session.get(NONCES, {}).items())[-(NONCES_KEPT - 1) :]
    request.session[NONCES] = {**dict(nonces), state: nonce}
    response["Location"] = location._replace(query=f"{location.query}&{urlencode({'nonce': nonce})}").geturl()
    return response


def nonce_matches(request: HttpRequest, id_token: dict) -> bool:
    """Whether the ID token carries the nonce sent with the `state` this callback came back with (used once)."""
    nonces = request.session.get(NONCES, {})
    expected = nonces.pop(request.GET.get("state"), None)
    request.session[NONCES] = nonces
    return bool(expected) and constant_time_compare(str(id_token.get("nonce", "")), expected)
