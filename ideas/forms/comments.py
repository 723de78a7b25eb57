"""Commenting on an idea, and editing one's comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms import HoneypotMixin
from ideas.models import (
    COMMENT_MAX_LENGTH,
    Comment,
    Idea,
)


class CommentForm(HoneypotMixin, forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, strip=False)
    parent = forms.ModelChoiceField(queryset=Comment.objects.none(), required=False)
    official = forms.BooleanField(label=_("Answer officially, for the organisation"), required=False)

    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Comment.objects.filter(idea=idea)


class CommentEditForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, strip=False)
