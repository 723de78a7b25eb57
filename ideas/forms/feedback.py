"""Whether a shipped idea solved the problem."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import (
    SolutionFeedback,
)


class SolutionFeedbackForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Did the shipped change solve your problem?"),
        choices=SolutionFeedback.Answer.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=2000,
        help_text=_("Only the moderators read your comment."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
