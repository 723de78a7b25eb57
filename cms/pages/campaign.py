"""A campaign's landing page: the question it asks, its dates and stage, and its ideas."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from community import access
from ideas.models import Campaign
from ideas.selectors.site import accepts_ideas, campaign_ideas_for

CAMPAIGN_IDEAS_SHOWN = 50


class CampaignPage(Page):
    """Presents one `ideas.Campaign`. A campaign in a space the viewer may not see is not found,
    as for any other thing in that space."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="pages", verbose_name=_("campaign"))
    intro = RichTextField(_("introduction"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("campaign"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        app_label = "cms"
        verbose_name = _("campaign page")

    def serve(self, request, *args, **kwargs):
        if not access.can_view(request.user, self.campaign):
            raise Http404("No campaign matches the given query.")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaign"] = self.campaign
        now = timezone.now()
        context["accepts_ideas"] = accepts_ideas(self.campaign)
        context["has_ended"] = self.campaign.ends_at <= now
        context["has_not_started"] = now < self.campaign.starts_at
        context["ideas"] = campaign_ideas_for(request.user, self.campaign)[:CAMPAIGN_IDEAS_SHOWN]
        return context


def with_landing_pages(campaigns: list[Campaign]) -> list[Campaign]:
    """Give each campaign `page_url`: the URL of its live landing page, or "" (one query)."""
    pages = CampaignPage.objects.live().filter(campaign__in=campaigns).order_by("pk")
    urls = {}
    for page in pages:
        urls.setdefault(page.campaign_id, page.url)
    for campaign in campaigns:
        campaign.page_url = urls.get(campaign.pk, "")
    return campaigns
