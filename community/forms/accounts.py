"""Signing up, and deleting one's account."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.internal.flows.email_verification import (
    add_email_verification_sent_message,
    consume_email_verification_rate_limit,
)
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from community.forms.honeypot import HoneypotMixin
from community.forms.profiles import DisplayNameField


class SignupForm(HoneypotMixin, AllauthSignupForm):
    """allauth's sign-up form plus the name other people will see."""

    display_name = DisplayNameField()
    field_order = ["display_name", "email", "password1", "password2"]

    def try_save(self, request):
        """A registered address gets the page and the work a new one gets, so neither tells a stranger
        it is registered (ACCOUNT_PREVENT_ENUMERATION): allauth mails its owner instead of making an
        account; here its password is hashed as a new account's is, and the "confirmation e-mail
        sent" message shows even when that e-mail waits out allauth's cooldown (a second try)."""
        if not self.account_already_exists:
            return super().try_save(request)
        make_password(self.cleaned_data["password1"])
        email = self.cleaned_data["email"]
        mail_goes_out = consume_email_verification_rate_limit(request, email, dry_run=True)
        user, response = super().try_save(request)
        if not mail_goes_out:
            add_email_verification_sent_message(request, email, signup=True)
        return user, response


class DeleteAccountForm(forms.Form):
    """Asks for proof that the person at the keyboard owns the account: its e-mail address or password."""

    confirmation = forms.CharField(
        label=_("Your e-mail address or password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("Type it to confirm that you want your account deleted."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"].strip()
        if (self.user.email and typed.lower() == self.user.email.lower()) or self.user.check_password(typed):
            return typed
        raise forms.ValidationError(_("This is neither your e-mail address nor your password."))
