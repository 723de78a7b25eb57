"""The back office (Wagtail admin) for campaigns and status labels, and the dashboard's "this week's
new ideas". Campaigns are written by `ideas.services` (create_campaign, update_campaign,
widen_campaign, close_campaign), never by the admin's own form saving."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import modelform_factory
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from community import access
from community.admin.mixins import WrittenByService
from ideas import selectors, services
from ideas.models import PROBLEM_MAX_LENGTH, Campaign, StatusLabel
from ideas.services.campaigns import EDITABLE_FIELDS


class CampaignCreateView(WrittenByService, ModelViewSet.add_view_class):
    def write(self, data: dict) -> Campaign:
        return services.save_campaign(self.request.user, None, **data)


class CampaignEditView(WrittenByService, ModelViewSet.edit_view_class):
    def write(self, data: dict) -> Campaign:
        return services.save_campaign(self.request.user, self.object, **data)


class WidenForm(forms.Form):
    to_space = forms.ModelChoiceField(label=_("Open it in"), queryset=None)
    carry_comments = forms.BooleanField(
        label=_("Carry the comments along"),
        required=False,
        help_text=_("Otherwise they stay behind, readable only by people who can see the pilot's space."),
    )

    def __init__(self, *args, user, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_space"].queryset = access.moderated_spaces(user).exclude(pk=campaign.space_id)


class CloseForm(forms.Form):
    lessons = forms.CharField(
        label=_("What we learned"),
        widget=forms.Textarea,
        max_length=PROBLEM_MAX_LENGTH,
        help_text=_("Kept with the campaign and shown on its page."),
    )


class CampaignActionView(WagtailAdminTemplateMixin, FormView):
    """A form about one campaign that a service carries out; a refusal is shown on the form."""

    template_name = "ideas/admin/campaign_action.html"
    header_icon = "calendar-alt"
    index_url_name = None

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Campaign.objects.select_related("space"), pk=pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        campaigns = {"url": reverse(self.index_url_name), "label": _("Campaigns")}
        return [*self.breadcrumbs_items, campaigns, {"url": "", "label": self.page_title, "sublabel": str(self.object)}]

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except (PermissionDenied, ValidationError) as refusal:
            form.add_error(None, refusal if isinstance(refusal, ValidationError) else str(refusal))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"campaign": self.object.title})
        return redirect(self.index_url_name)


class WidenCampaignView(CampaignActionView):
    page_title = _("Widen the campaign")
    form_class = WidenForm
    success_message = _("“%(campaign)s” is open in its new space, with its ideas, votes and history.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "campaign": self.object}

    def act(self, data: dict) -> None:
        services.widen_campaign(self.request.user, self.object, data["to_space"], carry_comments=data["carry_comments"])


class CloseCampaignView(CampaignActionView):
    page_title = _("Close the campaign")
    form_class = CloseForm
    success_message = _("“%(campaign)s” is closed; its lessons are kept.")

    def act(self, data: dict) -> None:
        services.close_campaign(self.request.user, self.object, lessons=data["lessons"])


class CampaignIndexView(ModelViewSet.index_view_class):
    """Each campaign's menu offers widening (a pilot that worked) and closing (with its lessons)."""

    action_url_names = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.stage != Campaign.Stage.CLOSED:
            for name, label, icon in (
                ("widen", _("Widen"), "expand-right"),
                ("close", _("Close with lessons"), "lock"),
            ):
                url = reverse(self.action_url_names[name], args=[instance.pk])
                buttons.append(MenuItem(label, url=url, icon_name=icon, priority=20))
        return buttons


class CampaignViewSet(ModelViewSet):
    model = Campaign
    icon = "calendar-alt"
    add_to_admin_menu = True
    menu_label = _("Campaigns")
    add_view_class = CampaignCreateView
    edit_view_class = CampaignEditView
    copy_view_enabled = False  # a copy would be saved by the form, not by the campaign services
    index_view_class = CampaignIndexView
    list_display = ["title", "space", "stage", "starts_at", "ends_at"]
    list_filter = ["stage", "space", "starts_at", "ends_at"]
    search_fields = ["title", "slug"]
    ACTIONS = {"widen": WidenCampaignView, "close": CloseCampaignView}

    def get_index_view_kwargs(self, **kwargs):
        names = {name: self.get_url_name(name) for name in self.ACTIONS}
        return super().get_index_view_kwargs(action_url_names=names, **kwargs)

    def get_urlpatterns(self):
        actions = [
            path(f"{name}/<id:pk>/", view.as_view(index_url_name=self.get_url_name("index")), name=name)
            for name, view in self.ACTIONS.items()
        ]
        return [*super().get_urlpatterns(), *actions]

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
        return {"week": selectors.new_ideas_this_week_for(self.user)}
