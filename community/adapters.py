"""Hooks into django-allauth's account flows."""

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from community import services


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Create the account and its profile together, or neither."""
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                services.update_profile(user, display_name=form.cleaned_data["display_name"])
        return user
