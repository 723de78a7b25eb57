"""The form that posts a new idea."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from community.forms import HoneypotMixin
from community.models import Space, SubmissionTerms
from community.selectors.terms import published_terms
from ideas.forms.fields import CategoryChoiceField, MultipleImageField, PlainTextField
from ideas.images import MAX_IMAGES_PER_IDEA
from ideas.models import (
    BODY_MAX_LENGTH,
    PROBLEM_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    TITLE_MIN_LENGTH,
    Campaign,
)


class IdeaForm(HoneypotMixin, forms.Form):
    space = forms.ModelChoiceField(label=_("Space"), queryset=Space.objects.none(), to_field_name="slug")
    title = PlainTextField(
        label=_("Title"),
        min_length=TITLE_MIN_LENGTH,
        max_length=TITLE_MAX_LENGTH,
        help_text=_("A short summary of your idea, %(min)s to %(max)s characters.")
        % {"min": TITLE_MIN_LENGTH, "max": TITLE_MAX_LENGTH},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "hx-get": reverse_lazy("ideas:similar"),
                "hx-trigger": "keyup changed delay:400ms",
                "hx-target": "#similar-ideas",
                "hx-include": "#id_space",
            }
        ),
    )
    problem = forms.CharField(
        label=_("What gets in your way today?"),
        required=False,
        max_length=PROBLEM_MAX_LENGTH,
        help_text=_("The problem, apart from any fix: what you try to do, and what stops you."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    body = forms.CharField(
        label=_("Your proposed solution"),
        required=False,
        max_length=BODY_MAX_LENGTH,
        help_text=_("How you would like it solved. Markdown works: **bold**, *italic*, lists, links."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    tags = forms.CharField(
        label=_("Tags (optional)"),
        required=False,
        max_length=200,
        help_text=_("Up to 5 words that group related ideas, separated by commas, e.g. reports, export."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    images = MultipleImageField(
        label=_("Images (optional)"),
        required=False,
        help_text=_("Up to %(count)s JPEG, PNG, GIF or WebP images, 5 MB each.") % {"count": MAX_IMAGES_PER_IDEA},
    )

    # Shown with the submission terms the author has yet to accept (`pending_terms`); `terms_shown`
    # carries which versions the page showed, so nobody accepts a version they were not shown.
    terms = forms.BooleanField(
        label=_("I accept these submission terms"),
        required=False,
        error_messages={"required": _("Accept the submission terms to post your idea.")},
    )
    terms_shown = forms.ModelMultipleChoiceField(
        queryset=SubmissionTerms.objects.none(), required=False, widget=forms.MultipleHiddenInput
    )
    # The campaign the idea answers (`?campaign=` on the way in); the service checks it is open.
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("This campaign does not exist.")},
    )

    def __init__(self, *args, spaces, pending_terms=(), campaigns=None, **kwargs):
        super().__init__(*args, **kwargs)
        if campaigns is not None:
            self.fields["campaign"].queryset = campaigns
        self.pending_terms = list(pending_terms)
        self.fields["terms"].required = bool(self.pending_terms)
        self.fields["terms_shown"].queryset = published_terms()
        self.fields["space"].queryset = spaces
        if self.is_bound:
            # Shown again after an error: look for similar ideas to the title at once.
            self.fields["title"].widget.attrs["hx-trigger"] = "keyup changed delay:400ms, load"
        self.fields["space"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("ideas:similar"),
                "hx-trigger": "change",
                "hx-target": "#similar-ideas",
                "hx-include": "#id_title",
            }
        )
        self.fields["category"] = CategoryChoiceField(spaces, label=_("Category"), required=False)
        self.order_fields(["space", "title", "problem", "body", "category", "tags", "images"])

    def clean_tags(self) -> list[str]:
        """The comma-separated tags as a list; the service decides which are acceptable."""
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]

    def clean(self):
        cleaned_data = super().clean()
        shown = {terms.pk for terms in cleaned_data.get("terms_shown") or ()}
        if any(terms.pk not in shown for terms in self.pending_terms):
            self.add_error("terms", _("Read the terms shown below, which apply to this space, and accept them."))
        return cleaned_data
