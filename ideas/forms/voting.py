"""Voting for an idea, or withdrawing the vote."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import (
    Vote,
)


class VoteForm(forms.Form):
    VOTE = "vote"
    RETRACT = "retract"

    action = forms.ChoiceField(choices=[(VOTE, VOTE), (RETRACT, RETRACT)], required=False)
    importance = forms.ChoiceField(
        label=_("How much does it matter to you?"), choices=Vote.Importance.choices, required=False
    )
