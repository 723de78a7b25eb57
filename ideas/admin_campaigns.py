"""The back office (Wagtail admin) for campaigns and status labels, and the dashboard's "this week's
new ideas". Campaigns are written by `ideas.services` (create_campaign, update_campaign), never by
the admin's own form saving."""

from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from community.admin_terms import _WrittenByService
from ideas import dashboard_selectors, services
from ideas.models import Campaign, StatusLabel
from ideas.services.campaigns import EDITABLE_FIELDS


class CampaignCreateView(_WrittenByService, ModelViewSet.add_view_class):
    def write(self, data: dict) -> Campaign:
        return services.save_campaign(self.request.user, None, **data)


class CampaignEditView(_WrittenByService, ModelViewSet.edit_view_class):
    def write(self, data: dict) -> Campaign:
        return services.save_campaign(self.request.user, self.object, **data)


class CampaignViewSet(ModelViewSet):
    model = Campaign
    icon = "calendar-alt"
    add_to_admin_menu = True
    menu_label = _("Campaigns")
    add_view_class = CampaignCreateView
    edit_view_class = CampaignEditView
    copy_view_enabled = False  # a copy would be saved by the form, not by the campaign services
    list_display = ["title", "space", "stage", "starts_at", "ends_at"]
    list_filter = ["stage", "space", "starts_at", "ends_at"]
    search_fields = ["title", "slug"]

    def get_form_class(self, for_update=False):
        """Editing leaves out the space: widening a campaign (a service) moves its ideas along."""
        fields = EDITABLE_FIELDS if for_update else ("space", *EDITABLE_FIELDS)
        return modelform_factory(self.model, formfield_callback=self.formfield_for_dbfield, fields=fields)


class StatusLabelViewSet(ModelViewSet):
    model = StatusLabel
    icon = "tag"
    add_to_admin_menu = True
    menu_label = _("Status labels")
    form_fields = ["status", "label", "description"]
    list_display = ["status", "label", "description"]
    search_fields = ["label"]


class NewIdeasPanel(Component):
    """On the admin's dashboard: how many ideas the viewer may see arrived this week, and the newest."""

    name = "new_ideas"
    template_name = "ideas/admin/new_ideas_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"week": dashboard_selectors.new_ideas_this_week_for(self.user)}
