"""Forms of the account pages."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
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


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form plus the name other people will see."""

    display_name = DisplayNameField()
    field_order = ["display_name", "email", "password1", "password2"]


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
