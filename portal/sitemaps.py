"""The sitemap: what a visitor who is not signed in may read — the public pages, the ideas and
spaces of public spaces — in sections of at most PAGE_SIZE entries, each page one bounded query."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from cms.pages.campaign import CampaignPage
from ideas import selectors

PAGE_SIZE = 5000


class PageSitemap(WagtailSitemap):
    """Live pages without a view restriction (Wagtail's rule), less the landing pages of campaigns
    in spaces a visitor may not see: those answer them "not found"."""

    limit = PAGE_SIZE

    def items(self):
        unseen = CampaignPage.objects.exclude(campaign__space__in=selectors.public_spaces())
        return super().items().exclude(pk__in=unseen.values("pk"))

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max(Coalesce("last_published_at", "latest_revision_created_at")))["latest"]


class IdeaSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return selectors.sitemap_ideas()

    def lastmod(self, idea):
        return idea.updated_at

    def get_latest_lastmod(self):
        return selectors.latest_idea_change()


class SpaceSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return selectors.public_spaces().only("slug")

    def location(self, space):
        return reverse("ideas:space", args=[space.slug])


SITEMAPS = {"pages": PageSitemap, "ideas": IdeaSitemap, "spaces": SpaceSitemap}
