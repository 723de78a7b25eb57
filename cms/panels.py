"""Admin form pieces of the site's pages: an editor picks only ideas they may see."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from ideas.models import Idea
from ideas.selectors import idea_list_for


class ShippedIdeaForm(WagtailAdminModelForm):
    """One idea a changelog entry ships, chosen among those the editor may see (a private
    idea's title never reaches an editor outside its space)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        viewer = self.for_user
        ideas = idea_list_for(viewer).order_by("title", "pk") if viewer is not None else Idea.objects.none()
        self.fields["idea"].queryset = ideas


class ShippedIdeasPanel(InlinePanel):
    """The entry's ideas, each form told who is editing."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name] |= {"form": ShippedIdeaForm, "inherit_kwargs": ["for_user"]}
        return options
