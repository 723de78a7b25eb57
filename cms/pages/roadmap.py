"""The roadmap: what is planned, in progress and shipped, with the latest official word on each."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.forms import RoadmapFilterForm
from ideas.selectors.site import roadmap_for, status_names


class RoadmapPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        app_label = "cms"
        verbose_name = _("roadmap page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = RoadmapFilterForm(request.GET or None, viewer=request.user)
        filters = form.cleaned_data if form.is_valid() else {}
        columns = roadmap_for(request.user, space=filters.get("space"), category=filters.get("category", ""))
        context["form"] = form
        names = status_names()
        context["columns"] = [(names[status], ideas) for status, ideas in columns.items()]
        return context
