"""A person's own profile: the name others see and how often they get e-mail."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Profile
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
