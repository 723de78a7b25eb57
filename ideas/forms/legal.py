"""Forms of the legal actions on an idea's page: they parse what a browser sends; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import COMMENT_MAX_LENGTH
from ideas.services.legal import REASON_MAX_LENGTH


class InternalNoteForm(forms.Form):
    body = forms.CharField(
        label=_("New internal note"),
        max_length=COMMENT_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the space's moderators and staff read it. Markdown works."),
    )


class LegalHoldForm(forms.Form):
    PLACE = "place"
    RELEASE = "release"

    action = forms.ChoiceField(choices=[(PLACE, PLACE), (RELEASE, RELEASE)])
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))


class DeleteIdeaForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the moderation log."),
    )
