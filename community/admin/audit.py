"""The moderation log in the back office (Wagtail admin): read-only, for moderators (their spaces'
entries) and staff (all), with the same filters as the site's page. Nobody adds, edits or deletes
entries here or anywhere (the model refuses it too)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from community import access, selectors
from community.audit_filters import ModerationLogFilter
from community.models import ModerationAction


class ModerationLogPermissionPolicy(BasePermissionPolicy):
    """Viewing is decided by the access rule; every other action is refused."""

    def user_has_permission(self, user, action):
        return action == "view" and access.can_read_moderation_log(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and access.can_read_moderation_log(user)


register_permission_policy(ModerationAction, ModerationLogPermissionPolicy(ModerationAction))


class ModerationLogIndexView(generic.IndexView):
    any_permission_required = ["view"]

    def get_base_queryset(self):
        return selectors.moderation_log_for(self.request.user)


def _actor(entry: ModerationAction) -> str:
    return entry.actor.display_name if entry.actor else _("The portal")


def _subject(entry: ModerationAction) -> str:
    return entry.subject.display_name if entry.subject else ""


class ModerationLogViewSet(ModelViewSet):
    model = ModerationAction
    icon = "history"
    menu_label = _("Moderation log")
    index_view_class = ModerationLogIndexView
    filterset_class = ModerationLogFilter
    copy_view_enabled = False
    form_fields = []  # the add and edit views exist in every ModelViewSet; the policy refuses them
    list_display = [
        DateColumn("created_at", label=_("When")),
        Column("actor", label=_("Who"), accessor=_actor),
        Column("action", label=_("Did"), accessor="get_action_display"),
        Column("target_label", label=_("On")),
        Column("space_name", label=_("Space")),
        Column("subject", label=_("Person acted upon"), accessor=_subject),
        Column("reason", label=_("Why")),
    ]
