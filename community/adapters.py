"""Hooks into django-allauth's account flows."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from community import services

# The token of an invitation opened before signing in or up: after signing in (also right after
# confirming the address of a new account) the person comes back to it.
PENDING_INVITATION = "community.pending_invitation"


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
