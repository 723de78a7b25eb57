"""The filters of an idea list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Space, User
from ideas.models import (
    Idea,
)
from ideas.selectors import IdeaFilters, Sort


class IdeaFilterForm(forms.Form):
    """The GET form above a list of ideas; anything it does not understand is ignored."""

    SORT_CHOICES = [
        (Sort.TRENDING, _("Trending")),
        (Sort.TOP, _("Most votes")),
        (Sort.NEWEST, _("Newest")),
        (Sort.UPDATED, _("Recently updated")),
    ]

    q = forms.CharField(label=_("Search"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    status = forms.MultipleChoiceField(
        label=_("Status"), choices=Idea.Status.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    mine = forms.BooleanField(label=_("Only my ideas"), required=False)
    voted = forms.BooleanField(label=_("Only ideas I voted for"), required=False)

    def __init__(self, data, *, viewer: User, space: Space | None = None, categories=()):
        super().__init__(data)
        self.space = space
        if space is None:
            del self.fields["category"]
        else:
            self.fields["category"].choices = [("", _("All categories"))] + [(c.slug, c.name) for c in categories]
        if not viewer.is_authenticated:
            del self.fields["mine"], self.fields["voted"]

    def filters(self) -> IdeaFilters:
        """What the list should show; invalid parts of the query are dropped, not refused."""
        self.is_valid()
        data = self.cleaned_data
        return IdeaFilters(
            space=self.space,
            statuses=tuple(data.get("status", ())),
            category=data.get("category", ""),
            mine=data.get("mine", False),
            voted=data.get("voted", False),
            query=data.get("q", "").strip(),
            sort=data.get("sort") or Sort.TRENDING,
        )

    @property
    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(filters.statuses or filters.category or filters.mine or filters.voted or filters.query)
