"""A space's owners inviting people and giving them roles."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Membership


class InviteByEmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), help_text=_("The link works once, for 14 days."))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class InviteLinkForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    days = forms.IntegerField(label=_("Days valid"), min_value=1, max_value=90, initial=7)
    max_uses = forms.IntegerField(label=_("Maximum uses"), min_value=1, max_value=1000, initial=10)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
