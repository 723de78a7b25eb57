"""The OpenID Connect sign-in's first step, allauth's own view wrapped.

Our CSP says `form-action 'self'`, and a browser applies it to the redirect that answers a form: the
confirmation page "Sign in via …" posts here and is redirected to the provider. So this view, and
only this one, adds the origin of that provider's authorization endpoint to `form-action`; a
global policy would let every page's forms post to every configured provider.
"""

import logging

import requests
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.openid_connect import views as openid_connect
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from community import sso

logger = logging.getLogger(__name__)


def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    """allauth's `openid_connect_login`, under a CSP that lets its form reach the provider; a provider
    that does not answer (within SOCIALACCOUNT_REQUESTS_TIMEOUT) gets the page saying so, not a 500."""
    try:
        origin = sso.authorization_origin(request, provider_id)
        response = openid_connect.login(request, provider_id)
    except SocialApp.DoesNotExist:
        raise Http404 from None
    except requests.RequestException as error:
        logger.warning("The identity provider %s is not answering: %s", provider_id, error)
        return render(request, "community/sso_unavailable.html", status=503)
    response._csp_update = {"form-action": [origin]}
    if response.status_code == 302 and sso.nonce_enabled(sso.provider(request, provider_id)):
        sso.add_nonce(request, response)
    return response
