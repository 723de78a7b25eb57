"""Hooks into django-allauth's account flows."""

import logging

import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse

from community import selectors, services

# The token of an invitation opened before signing in or up: after signing in (also right after
# confirming the address of a new account) the person comes back to it.
PENDING_INVITATION = "community.pending_invitation"

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Create the account and its profile together, or neither."""
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            # The social sign-up form (allauth's own) asks for no display name; such
            # accounts show their username until they set one, as after a social auto-signup.
            display_name = form.cleaned_data.get("display_name")
            if commit and display_name:
                services.update_profile(user, display_name=display_name)
        return user

    def send_mail(self, template_prefix, email, context):
        """Account e-mails speak in the portal's name (SITE_NAME), not its host name."""
        super().send_mail(template_prefix, email, {"site_name": settings.SITE_NAME, **context})

    def _pending_invitation_url(self, request) -> str | None:
        token = request.session.get(PENDING_INVITATION)
        return reverse("community:invitation", args=[token]) if token else None

    def get_login_redirect_url(self, request):
        return self._pending_invitation_url(request) or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        """Also where a new account lands once its address is confirmed (and it is signed in)."""
        return self._pending_invitation_url(request) or super().get_signup_redirect_url(request)


def trusts_address(provider_id: str, email: str) -> bool:
    """Whether the operator trusts `provider_id` with the addresses of `email`'s domain
    (SSO_TRUSTED_EMAIL_DOMAINS); the provider must still say it verified the address."""
    domains = {domain.lower() for domain in settings.SSO_TRUSTED_EMAIL_DOMAINS.get(provider_id, ())}
    return email.rpartition("@")[2].lower() in domains


def trusted_addresses(sociallogin) -> list[str]:
    """The addresses of `sociallogin` its provider verified, on a domain the operator trusts it with."""
    provider_id = sociallogin.account.provider
    return [a.email for a in sociallogin.email_addresses if a.verified and trusts_address(provider_id, a.email)]


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def can_authenticate_by_email(self, login, email):
        """allauth signs in (and, with EMAIL_AUTHENTICATION_AUTO_CONNECT, connects) the account
        holding a verified address of the login's only when this says so: here, when the provider
        is trusted with the address's domain. Its own per-app settings cannot ask for both the
        `email_verified` claim and a domain."""
        return trusts_address(login.account.provider, email)

    def pre_social_login(self, request, sociallogin):
        """A sign-in (not a connect) through a provider account no one has connected yet, asserting
        the address of an existing account: say so and how to connect, instead of allauth's
        "verify your e-mail" page, which could never be completed.

        This tells that the address has an account only to whoever holds the provider login
        asserting it: the provider vouches for the address, we do not take it from a form."""
        if sociallogin.is_existing or sociallogin.state.get("process") == AuthProcess.CONNECT:
            return
        if any(selectors.account_with_email(address.email) for address in sociallogin.email_addresses):
            context = {"provider": sociallogin.provider}
            raise ImmediateHttpResponse(render(request, "socialaccount/account_exists.html", context))

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        """A provider that stops answering after the person left for it (its token or userinfo call
        refused or timed out) gets the page of a provider that is down, not a failed sign-in."""
        if isinstance(exception, requests.RequestException):
            logger.warning("The identity provider %s is not answering: %s", provider.id, exception)
            raise ImmediateHttpResponse(render(request, "community/sso_unavailable.html", status=503))

    def get_connect_redirect_url(self, request, socialaccount):
        return reverse("community:profile")
