"""The back office (Wagtail admin) of the REST API: one menu group for tokens and webhooks."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from api.admin.tokens import ApiTokenViewSet
from api.admin.webhooks import WebhookViewSet


class RestApiViewSetGroup(ModelViewSetGroup):
    menu_label = _("REST API")
    menu_icon = "code"
    items = (ApiTokenViewSet, WebhookViewSet)


@hooks.register("register_admin_viewset")
def register_rest_api_viewsets():
    return RestApiViewSetGroup()
