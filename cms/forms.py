"""Forms of the public site's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Space, User
from ideas.selectors import spaces_for
from ideas.selectors.site import roadmap_categories_for


class RoadmapFilterForm(forms.Form):
    """Narrow the roadmap to a space and a category; only what the viewer may see is offered."""

    space = forms.ModelChoiceField(
        queryset=Space.objects.none(), to_field_name="slug", required=False, empty_label=_("All spaces")
    )
    category = forms.ChoiceField(required=False)

    def __init__(self, *args, viewer: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces_for(viewer)
        self.fields["space"].label = _("Space")
        self.fields["category"].label = _("Category")
        self.fields["category"].choices = [("", _("All categories")), *roadmap_categories_for(viewer)]
