"""Merging a duplicate into the idea it repeats, and undoing it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import (
    COMMENT_MAX_LENGTH,
)


class MergeForm(forms.Form):
    """Which idea to merge this one into (by its number), and why; the service decides who may."""

    into = forms.IntegerField(label=_("Number of the idea to merge into"), min_value=1)
    reason = forms.CharField(
        label=_("Why (kept in the moderation log)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UnmergeForm(forms.Form):
    reason = forms.CharField(label=_("Why (kept in the moderation log)"), required=False, max_length=COMMENT_MAX_LENGTH)
