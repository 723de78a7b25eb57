"""The moderation queue in the back office (Wagtail admin): the site's queue, in the admin's furniture.

It reads the same selector, and its buttons post to the same actions as the site's queue (which
call the moderation services), coming back here afterwards.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community import access
from ideas import selectors

URL_NAME = "ideas_moderation_queue"


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "ideas/admin/moderation_queue.html"
    page_title = _("Moderation queue")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        spaces = list(selectors.queue_spaces_for(user))
        if not spaces:
            raise PermissionDenied(_("The moderation queue is for the moderators of a space."))
        chosen = next((space for space in spaces if space.slug == self.request.GET.get("space")), None)
        return super().get_context_data(
            entries=selectors.moderation_queue_for(user, space=chosen),
            spaces=spaces,
            chosen=chosen,
            here=self.request.get_full_path(),
            **kwargs,
        )


class ModerationMenuItem(MenuItem):
    """Shown to those who moderate a space (and staff)."""

    def is_shown(self, request):
        return access.moderated_spaces(request.user).exists()


def moderation_menu_item() -> ModerationMenuItem:
    return ModerationMenuItem(_("Moderation queue"), reverse_lazy(URL_NAME), icon_name="warning", order=250)


class ModerationPanel(Component):
    """On the admin's dashboard: how many open reports await the viewer."""

    name = "moderation_queue"
    template_name = "ideas/admin/moderation_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {
            "open_reports": selectors.open_report_count_for(self.user),
            "queue_url": reverse_lazy(URL_NAME),
        }
