"""Following an idea, or no longer."""

from django import forms


class FollowForm(forms.Form):
    FOLLOW = "follow"
    UNFOLLOW = "unfollow"

    action = forms.ChoiceField(choices=[(FOLLOW, FOLLOW), (UNFOLLOW, UNFOLLOW)])
