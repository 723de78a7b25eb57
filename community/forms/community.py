"""Forms of the account pages."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.internal.flows.email_verification import (
    add_email_verification_sent_message,
    consume_email_verification_rate_limit,
)
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from community.models import Membership, Profile
from community.validators import normalise_plain_text, validate_plain_text


class DisplayNameField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Display name"),
            max_length=Profile._meta.get_field("display_name").max_length,
            help_text=_("Shown beside your ideas and comments."),
            validators=[validate_plain_text],
            **kwargs,
        )

    def to_python(self, value):
        return normalise_plain_text(super().to_python(value))


# The honeypot's name: a field bots fill in because it looks like one to fill. Templates that write
# their form by hand include "includes/honeypot.html" with this name.
HONEYPOT_FIELD = "website"


class HoneypotBoundField(forms.BoundField):
    def css_classes(self, extra_classes=None):
        return super().css_classes(extra_classes=" ".join(filter(None, [extra_classes, "visually-hidden"])))


class HoneypotField(forms.CharField):
    """Hidden from people (visually, out of the tab order, never autofilled), with a label telling
    whoever still meets it to leave it empty."""

    bound_field_class = HoneypotBoundField

    def __init__(self):
        super().__init__(
            label=_("Leave this field empty"),
            required=False,
            template_name="includes/honeypot_field.html",
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )


class HoneypotMixin:
    """Adds the honeypot field to a public form; filled in, the form is invalid with a generic error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = HoneypotField()

    def clean(self):
        """Invalid if the honeypot is filled; otherwise it is dropped, so the data hold only what people typed."""
        cleaned_data = super().clean()
        if self.cleaned_data.pop(HONEYPOT_FIELD, ""):
            raise forms.ValidationError(_("This form could not be sent. Please try again."), code="honeypot")
        return cleaned_data


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


class ProfileForm(forms.Form):
    display_name = DisplayNameField()
    # Optional so that a form posting only the name leaves the preference as it was.
    email_frequency = forms.ChoiceField(
        label=_("E-mail me about ideas I follow"),
        choices=Profile.EmailFrequency.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Status changes, official responses and replies to your comments."),
    )


class InviteByEmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), help_text=_("The link works once, for 14 days."))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class InviteLinkForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    days = forms.IntegerField(label=_("Days valid"), min_value=1, max_value=90, initial=7)
    max_uses = forms.IntegerField(label=_("Maximum uses"), min_value=1, max_value=1000, initial=10)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


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
