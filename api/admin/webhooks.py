"""Webhooks in the back office (Wagtail admin): the same services as the API.

The forms only gather input; saving, deleting and sending again go through
`api.services.webhooks`, so the checks (events, a public URL) are the API's.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from api import selectors
from api import services as api_services
from api.models import Webhook

NAME = "webhooks"  # the URL prefix and namespace; the e-mail that a webhook was turned off links here
DELIVERIES_SHOWN = 50


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=Webhook.Event.choices, widget=forms.CheckboxSelectMultiple
    )
    secret = forms.CharField(
        label=_("Secret"),
        max_length=100,
        required=False,
        help_text=_("Signs each delivery. Leave it empty to get a new random one."),
    )

    class Meta:
        model = Webhook
        fields = ["url", "events", "secret", "votes_threshold", "active"]


class ServiceRefusalsOnForm:
    """What the service refuses (its ValidationError) is shown on the form, like a form error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class WebhookCreateView(ServiceRefusalsOnForm, generic.CreateView):
    def save_instance(self):
        return api_services.create_webhook(self.request.user, **self.form.cleaned_data)


class WebhookEditView(ServiceRefusalsOnForm, generic.EditView):
    def save_instance(self):
        return api_services.update_webhook(self.request.user, self.object, **self.form.cleaned_data)

    @cached_property
    def header_more_buttons(self):
        deliveries = Button(
            _("Deliveries"), url=reverse(f"{NAME}:deliveries", args=[self.object.pk]), icon_name="list-ul"
        )
        return [deliveries, *super().header_more_buttons]


class WebhookDeleteView(generic.DeleteView):
    def delete_action(self):
        api_services.delete_webhook(self.request.user, self.object)


class WebhookDeliveriesView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """The latest deliveries of a webhook with their attempts, each with a button to send it again."""

    model = Webhook
    permission_required = "change"
    template_name = "api/admin/webhook_deliveries.html"
    page_title = _("Deliveries")
    header_icon = "link"

    def get_page_subtitle(self):
        return self.webhook.url

    @cached_property
    def webhook(self) -> Webhook:
        return selectors.webhook_by_pk(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            webhook=self.webhook,
            deliveries=selectors.deliveries_of(self.webhook)[:DELIVERIES_SHOWN],
            **kwargs,
        )


class WebhookRedeliverView(PermissionCheckedMixin, View):
    model = Webhook
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, pk, delivery_id):
        delivery = selectors.delivery_of(selectors.webhook_by_pk(pk), delivery_id)
        try:
            api_services.redeliver(request.user, delivery)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("Delivery %(id)s will be sent again.") % {"id": delivery.delivery_id})
        return redirect(f"{NAME}:deliveries", pk)


class WebhookViewSet(ModelViewSet):
    name = NAME
    model = Webhook
    icon = "link"
    form_fields = WebhookForm.Meta.fields
    list_display = ["url", "active", "disabled_reason", "owner", "created_at"]
    list_filter = ["active"]
    search_fields = ["url"]
    copy_view_enabled = False
    add_to_reference_index = False  # nothing links to a webhook; no reindexing task after each save
    add_view_class = WebhookCreateView
    edit_view_class = WebhookEditView
    delete_view_class = WebhookDeleteView

    def get_form_class(self, for_update=False):
        return WebhookForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("deliveries/<id:pk>/", WebhookDeliveriesView.as_view(), name="deliveries"),
            path("deliveries/<id:pk>/redeliver/<uuid:delivery_id>/", WebhookRedeliverView.as_view(), name="redeliver"),
        ]
