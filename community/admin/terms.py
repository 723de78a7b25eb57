"""The back office (Wagtail admin) for the submission terms: editors draft a version, then publish it.

A draft is edited (or thrown away) until it is published; a published version is read-only and
stays for good, since ideas record the version they were posted under. Every write goes through
`community.services` (draft_terms, update_terms_draft, discard_terms_draft, publish_terms).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from community import services
from community.admin.mixins import RefusalAsMessage, WrittenByService
from community.models import SubmissionTerms


def _status_label(terms: SubmissionTerms) -> str:
    return _("Published") if terms.is_published else _("Draft")


def _space_label(terms: SubmissionTerms) -> str:
    return terms.space.name if terms.space else _("The whole site")


class TermsIndexView(ModelViewSet.index_view_class):
    publish_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("space")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_published and self.user_has_permission("change"):
            url = reverse(self.publish_url_name, args=[instance.pk])
            buttons.append(MenuItem(_("Publish"), url=url, icon_name="upload", priority=5))
        return buttons


class TermsInspectView(ModelViewSet.inspect_view_class):
    publish_url_name = None

    def get_space_display_value(self):
        return _space_label(self.object)

    def get_published_at_display_value(self):
        return self.object.published_at or _("Not published: a draft")

    @property
    def header_more_buttons(self):
        if self.object.is_published or not self.user_has_permission("change"):
            return []
        return [Button(_("Publish"), url=reverse(self.publish_url_name, args=[self.object.pk]), icon_name="upload")]


class TermsCreateView(WrittenByService, ModelViewSet.add_view_class):
    submit_button_label = gettext_lazy("Save the draft")

    def write(self, data: dict) -> SubmissionTerms:
        return services.draft_terms(self.request.user, space=data["space"], title=data["title"], body=data["body"])


class TermsEditView(WrittenByService, ModelViewSet.edit_view_class):
    """Drafts only: a published version opens read-only (its inspect page)."""

    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        terms = SubmissionTerms.objects.filter(pk=kwargs.get("pk"), published_at__isnull=False).first()
        if terms is not None:
            messages.warning(request, _("A published version never changes: draft a new version instead."))
            return redirect(self.inspect_url_name, terms.pk)
        return super().dispatch(request, *args, **kwargs)

    def write(self, data: dict) -> SubmissionTerms:
        return services.update_terms_draft(self.request.user, self.object, title=data["title"], body=data["body"])


class TermsDeleteView(RefusalAsMessage, ModelViewSet.delete_view_class):
    """Throws a draft away; the service refuses a published version."""

    def delete_action(self):
        services.discard_terms_draft(self.request.user, self.object)


class TermsPublishView(RefusalAsMessage, ModelViewSet.delete_view_class):
    """Asks, then publishes the draft as the next version."""

    page_title = gettext_lazy("Publish")
    template_name = "community/admin/publish_terms.html"
    permission_required = "change"
    publish_url_name = None
    success_message = gettext_lazy("%(model_name)s '%(object)s' published: everyone accepts it before their next idea.")

    def get_delete_url(self):
        return reverse(self.publish_url_name, args=[self.object.pk])

    def delete_action(self):
        self.object = services.publish_terms(self.request.user, self.object)


class SubmissionTermsViewSet(ModelViewSet):
    model = SubmissionTerms
    icon = "doc-full"
    menu_label = gettext_lazy("Submission terms")
    index_view_class = TermsIndexView
    inspect_view_class = TermsInspectView
    add_view_class = TermsCreateView
    edit_view_class = TermsEditView
    delete_view_class = TermsDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False  # a copy would be saved by the form, not by the terms services
    inspect_view_fields = ["title", "space", "version", "body", "published_at", "published_by"]
    form_fields = ["space", "title", "body"]
    list_display = [
        "title",
        Column("space", label=gettext_lazy("Applies to"), accessor=_space_label),
        Column("version", label=gettext_lazy("Version"), accessor=lambda terms: terms.version or "-"),
        StatusTagColumn(
            "status", label=gettext_lazy("Status"), accessor=_status_label, primary=lambda t: t.is_published
        ),
        DateColumn("published_at", label=gettext_lazy("Published"), sort_key="published_at"),
    ]
    list_filter = ["space"]
    search_fields = ["title"]

    # A version has no revision history here: what was published is the version itself.
    LEFT_OUT = {"history", "history_results"}

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            history_url_name=None, publish_url_name=self.get_url_name("publish"), **kwargs
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(inspect_url_name=self.get_url_name("inspect"), **kwargs)

    @property
    def publish_view(self):
        return self.construct_view(TermsPublishView)

    def get_urlpatterns(self):
        kept = [pattern for pattern in super().get_urlpatterns() if pattern.name not in self.LEFT_OUT]
        return [*kept, path("publish/<id:pk>/", self.publish_view, name="publish")]
