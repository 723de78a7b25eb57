"""Moving an idea to another space."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Space


class MoveIdeaForm(forms.Form):
    """What the "Move to another space" form posts (the page renders its fields from `move_spaces`,
    listed once); the service decides whether the move is allowed."""

    to_space = forms.ModelChoiceField(label=_("Move to"), queryset=Space.objects.none())
    carry_comments = forms.BooleanField(label=_("Carry the comments with it"), required=False)

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_space"].queryset = spaces
