"""Forms of the moderators' person page: warn, suspend, lift a suspension. The services decide."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import Space

WHOLE_SITE = "site"
MAX_SUSPENSION_DAYS = 3650


class WarnForm(forms.Form):
    space = forms.ModelChoiceField(label=_("In the space"), queryset=Space.objects.none())
    reason = forms.CharField(
        label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("The person reads it.")
    )

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces


class SuspendForm(forms.Form):
    """Where (a space the moderator moderates, or the whole site for staff) and for how long: a number
    of days, or until a date (the end of that day)."""

    where = forms.ChoiceField(label=_("Suspend from"))
    days = forms.IntegerField(label=_("For how many days"), min_value=1, max_value=MAX_SUSPENSION_DAYS, required=False)
    until = forms.DateField(
        label=_("Or until (a date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), help_text=_("The person reads it.")
    )

    def __init__(self, *args, spaces, whole_site: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.spaces = {str(space.pk): space for space in spaces}
        choices = [(WHOLE_SITE, _("The whole site"))] if whole_site else []
        self.fields["where"].choices = choices + [(pk, space.name) for pk, space in self.spaces.items()]

    def clean(self):
        data = super().clean()
        if data.get("days") and data.get("until"):
            raise forms.ValidationError(_("Give a number of days or a date, not both."))
        if not data.get("days") and not data.get("until") and not self.errors:
            raise forms.ValidationError(_("Give a number of days or a date."))
        return data

    @property
    def space(self) -> Space | None:
        where = self.cleaned_data["where"]
        return None if where == WHOLE_SITE else self.spaces[where]

    @property
    def ends_at(self) -> datetime:
        if self.cleaned_data.get("days"):
            return timezone.now() + timedelta(days=self.cleaned_data["days"])
        return timezone.make_aware(datetime.combine(self.cleaned_data["until"], time.max))


class LiftForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), max_length=2000, required=False)
