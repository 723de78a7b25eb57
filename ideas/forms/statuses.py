"""A moderator's change of an idea's status, with the official response."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import (
    COMMENT_MAX_LENGTH,
    Idea,
)


class StatusForm(forms.Form):
    # No `duplicate`: an idea becomes one by merging it (the merge form).
    status = forms.ChoiceField(
        label=_("New status"), choices=[choice for choice in Idea.Status.choices if choice[0] != Idea.Status.DUPLICATE]
    )
    message = forms.CharField(
        label=_("Official response (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Followers are told about the change, with this message."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
