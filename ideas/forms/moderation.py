"""Forms of reporting and moderating: they parse what a browser sends; the moderation services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms import HoneypotMixin
from community.models import Flag
from ideas.models import BODY_MAX_LENGTH, COMMENT_MAX_LENGTH, PROBLEM_MAX_LENGTH, TITLE_MAX_LENGTH
from ideas.services.moderation import NOTE_MAX_LENGTH, REASON_MAX_LENGTH


class ReportForm(HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with it?"), choices=Flag.Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    """The reason a moderator gives; the service says when one is needed."""

    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_LENGTH, required=False, strip=True)


def _note_field() -> forms.CharField:
    return forms.CharField(
        label=_("Note shown under it"),
        max_length=REASON_MAX_LENGTH,
        help_text=_("Everyone reads it: say what you changed and why."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ModeratorIdeaEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    problem = forms.CharField(
        label=_("The problem"), max_length=PROBLEM_MAX_LENGTH, required=False, widget=forms.Textarea
    )
    body = forms.CharField(
        label=_("Proposed solution"), max_length=BODY_MAX_LENGTH, required=False, widget=forms.Textarea
    )
    note = _note_field()


class ModeratorCommentEditForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea)
    note = _note_field()
