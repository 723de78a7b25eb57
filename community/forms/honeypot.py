"""A field that people leave empty and form-filling robots fill in: a filled one is refused."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class HoneypotBoundField(forms.BoundField):
    def css_classes(self, extra_classes=None):
        return super().css_classes(extra_classes=" ".join(filter(None, [extra_classes, "visually-hidden"])))


class HoneypotField(forms.CharField):
    """Hidden from people (visually, out of the tab order, never autofilled), with a label telling
    whoever still meets it to leave it empty."""

    bound_field_class = HoneypotBoundField

    def __init__(self):
        super().__init__(
            label=_("Leave this field empty"),
            required=False,
            template_name="includes/honeypot_field.html",
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )


class HoneypotMixin:
    """Adds the honeypot field to a public form; filled in, the form is invalid with a generic error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = HoneypotField()

    def clean(self):
        """Invalid if the honeypot is filled; otherwise it is dropped, so the data hold only what people typed."""
        cleaned_data = super().clean()
        if self.cleaned_data.pop(HONEYPOT_FIELD, ""):
            raise forms.ValidationError(_("This form could not be sent. Please try again."), code="honeypot")
        return cleaned_data
