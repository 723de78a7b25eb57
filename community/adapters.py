"""Hooks into django-allauth's account flows."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction

from community import services


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
