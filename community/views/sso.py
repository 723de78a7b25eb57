"""allauth's OpenID Connect sign-in views, wrapped.

Our CSP says `form-action 'self'`, and a browser applies it to the redirect that answers a form: the
confirmation page "Sign in via …" posts to `login` and is redirected to the provider. So that view, and
only that one, adds the origin of the provider's authorization endpoint to `form-action`; a global
policy would let every page's forms post to every configured provider.

allauth lets a provider's connection errors through (its discovery document is read before anything
else): both views answer them with the page saying the company sign-in is not answering, not a 500.
"""

import functools
import logging
from urllib.error import URLError

import requests
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.openid_connect import views as openid_connect
from allauth.socialaccount.providers.saml import views as saml
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from community import sso

logger = logging.getLogger(__name__)


def provider_may_be_silent(view):
    """Answer a provider that does not answer (within SOCIALACCOUNT_REQUESTS_TIMEOUT) with a 503 page.
    OpenID Connect calls go through requests; python3-saml reads a SAML metadata URL with urllib."""

    @functools.wraps(view)
    def answering(request: HttpRequest, **provider) -> HttpResponse:
        try:
            return view(request, **provider)
        except (requests.RequestException, URLError, TimeoutError) as error:
            logger.warning("The identity provider %s is not answering: %s", *provider.values(), error)
            return render(request, "community/sso_unavailable.html", status=503)

    return answering


def _form_may_reach(origin_of, view, request: HttpRequest, app_id: str, **kwargs) -> HttpResponse:
    """`view`'s answer, whose form may be sent to `origin_of(request, app_id)` besides 'self'; an app
    that is not configured is not found."""
    try:
        origin = origin_of(request, app_id)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    response = view(request, **kwargs)
    response._csp_update = {"form-action": [origin]}
    return response


@provider_may_be_silent
def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    """allauth's `openid_connect_login`, under a CSP that lets its form reach the provider, with a nonce."""
    response = _form_may_reach(
        sso.authorization_origin, openid_connect.login, request, provider_id, provider_id=provider_id
    )
    if response.status_code == 302 and sso.nonce_enabled(sso.provider(request, provider_id)):
        sso.add_nonce(request, response)
    return response


callback = provider_may_be_silent(openid_connect.callback)


@provider_may_be_silent
def saml_login(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """allauth's `saml_login`, under a CSP that lets its confirmation form reach the identity provider."""
    return _form_may_reach(
        sso.saml_sso_origin, saml.login, request, organization_slug, organization_slug=organization_slug
    )
