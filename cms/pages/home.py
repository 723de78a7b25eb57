"""The front page: what the portal is for, and what is happening in it for this viewer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.pages.campaign import with_landing_pages
from ideas.selectors.site import (
    open_campaigns_for,
    participation_figures_for,
    recently_shipped_for,
    trending_ideas_for,
)

HOME_LIST_LENGTH = 5


class HomePage(Page):
    """The site's front page at /. Every list and figure on it counts only what the viewer may see."""

    hero_heading = models.CharField(_("hero heading"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.StandardPage", "cms.CampaignPage", "cms.RoadmapPage", "cms.ChangelogIndexPage"]
    max_count = 1

    class Meta:
        app_label = "cms"
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        viewer = request.user
        context["campaigns"] = with_landing_pages(list(open_campaigns_for(viewer)))
        context["trending"] = trending_ideas_for(viewer, HOME_LIST_LENGTH)
        context["shipped"] = recently_shipped_for(viewer, HOME_LIST_LENGTH)
        context["figures"] = participation_figures_for(viewer)
        context["sections"] = self.get_children().live().public().in_menu()
        return context
