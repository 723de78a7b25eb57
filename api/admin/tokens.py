"""The back office (Wagtail admin) for API tokens: staff make, list and revoke them.

A token is never edited nor deleted: its key is shown once, on the page that answers
the form that made it (not in a flash message, which the session would keep), and a
token that should stop working is revoked, so it stays listed with when that happened.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from api import selectors, services
from api.models import ApiToken


def _spaces_label(token: ApiToken) -> str:
    return ", ".join(space.name for space in token.spaces.all()) or _("All its user may see")


def _user_label(token: ApiToken) -> str:
    """Who the token acts as: the name people see, and the address that tells accounts apart."""
    user = token.user
    name = user.get_full_name() or user.get_username()
    return f"{name} ({user.email})" if user.email else name


def _status_label(token: ApiToken) -> str:
    return _("Active") if token.is_active else _("Revoked")


class TokenIndexView(ModelViewSet.index_view_class):
    revoke_url_name = None

    def get_base_queryset(self):
        return selectors.tokens_for_back_office()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.user_has_permission("delete"):
            url = reverse(self.revoke_url_name, args=[instance.pk])
            buttons.append(MenuItem(_("Revoke"), url=url, icon_name="bin", priority=30))
        return buttons


class TokenInspectView(ModelViewSet.inspect_view_class):
    revoke_url_name = None

    def get_status_mapping_display_value(self):
        mapping = self.object.status_mapping
        return ", ".join(f"{state} → {status}" for state, status in mapping.items()) or "-"

    def get_spaces_display_value(self):
        return _spaces_label(self.object)

    def get_user_display_value(self):
        return _user_label(self.object)

    def get_can_write_display_value(self):
        return _("Yes") if self.object.can_write else _("No")

    def get_last_used_at_display_value(self):
        return self.object.last_used_at or _("Never")

    def get_revoked_at_display_value(self):
        return self.object.revoked_at or _("Not revoked")

    @property
    def header_more_buttons(self):
        if not (self.object.is_active and self.user_has_permission("delete")):
            return []
        url = reverse(self.revoke_url_name, args=[self.object.pk])
        return [Button(_("Revoke"), url=url, icon_name="bin")]


class TokenCreateView(ModelViewSet.add_view_class):
    """Makes the token through the service and answers with its key, shown this once."""

    submit_button_label = gettext_lazy("Create the token")
    created_template_name = "api/admin/token_created.html"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            token, key = services.create_api_token(
                self.request.user,
                data["user"],
                name=data["name"],
                can_write=data["can_write"],
                spaces=list(data["spaces"]),
                status_mapping=data["status_mapping"] or {},
            )
        except (PermissionDenied, ValidationError) as refusal:
            form.add_error(None if hasattr(refusal, "error_dict") else "user", refusal)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        self.object = token
        context = {**self.get_context_data(form=form), "token": token, "key": key}
        response = TemplateResponse(self.request, self.created_template_name, context)
        add_never_cache_headers(response)
        return response


class TokenRevokeView(ModelViewSet.delete_view_class):
    """Asks, then revokes: the token stops working at once and stays listed."""

    page_title = gettext_lazy("Revoke")
    template_name = "api/admin/revoke_token.html"
    revoke_url_name = None
    success_message = gettext_lazy("%(model_name)s '%(object)s' revoked: it no longer works.")

    def get_delete_url(self):
        return reverse(self.revoke_url_name, args=[self.object.pk])

    def delete_action(self):
        services.revoke_api_token(self.request.user, self.object)


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = gettext_lazy("API tokens")
    index_view_class = TokenIndexView
    inspect_view_class = TokenInspectView
    add_view_class = TokenCreateView
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "user",
        "prefix",
        "can_write",
        "spaces",
        "status_mapping",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    panels = [
        FieldPanel("user"),
        FieldPanel("name"),
        FieldPanel("can_write"),
        FieldPanel("spaces", widget=forms.CheckboxSelectMultiple),
        FieldPanel("status_mapping"),
    ]
    list_display = [
        "name",
        Column("user", label=gettext_lazy("User"), accessor=_user_label),
        Column("prefix", label=gettext_lazy("Starts with"), accessor=lambda token: f"{token.prefix}…"),
        BooleanColumn("can_write", label=gettext_lazy("May write")),
        Column("spaces", label=gettext_lazy("Spaces"), accessor=_spaces_label),
        DateColumn("last_used_at", label=gettext_lazy("Last used"), sort_key="last_used_at"),
        DateColumn("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
        StatusTagColumn("status", label=gettext_lazy("Status"), accessor=_status_label, primary=lambda t: t.is_active),
        DateColumn("revoked_at", label=gettext_lazy("Revoked"), sort_key="revoked_at"),
    ]
    search_fields = ["name", "prefix", "user__username", "user__email"]

    # Tokens have neither an edit form nor a hard delete; these views are left out.
    LEFT_OUT = {"edit", "delete", "history", "history_results", "usage"}

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            revoke_url_name=self.get_url_name("revoke"),
            **kwargs,
        )

    @property
    def revoke_view(self):
        return self.construct_view(TokenRevokeView)

    @property
    def url_finder_class(self):
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("inspect")
        return finder

    def get_urlpatterns(self):
        kept = [pattern for pattern in super().get_urlpatterns() if pattern.name not in self.LEFT_OUT]
        return [*kept, path("revoke/<id:pk>/", self.revoke_view, name="revoke")]
