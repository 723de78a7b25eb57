"""The changelog: release notes that name the ideas they ship, and their RSS and Atom feeds."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.feeds import ChangelogAtomFeed, ChangelogFeed
from cms.panels import ShippedIdeasPanel
from ideas.models import Idea
from ideas.selectors.site import ideas_among_for

ENTRIES_PER_PAGE = 10


class ChangelogIndexPage(RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ChangelogEntryPage"]

    class Meta:
        app_label = "cms"
        verbose_name = _("changelog")

    def entries(self):
        """The published entries, newest release first."""
        return ChangelogEntryPage.objects.child_of(self).live().order_by("-release_date", "-pk")

    @staticmethod
    def idea_links_of(entries) -> list[tuple[int, int]]:
        """(entry id, idea id) of every idea the `entries` name."""
        return list(ChangelogEntryIdea.objects.filter(entry__in=entries).values_list("entry_id", "idea_id"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = Paginator(self.entries(), ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
        url = self.get_url(request)
        context["feed_url"] = url + self.reverse_subpage("rss_feed")
        context["atom_url"] = url + self.reverse_subpage("atom_feed")
        return context

    @path("feed/", name="rss_feed")
    def rss_feed(self, request):
        return ChangelogFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return ChangelogAtomFeed(self)(request)


class ChangelogEntryPage(Page):
    """Release notes. Publishing one ships the ideas it names (see cms.receivers)."""

    release_date = models.DateField(_("release date"))
    notes = RichTextField(_("release notes"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("release_date"),
        FieldPanel("notes"),
        ShippedIdeasPanel("shipped_ideas", label=_("Ideas it ships")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("notes")]
    parent_page_types = ["cms.ChangelogIndexPage"]
    subpage_types = []

    class Meta:
        app_label = "cms"
        verbose_name = _("changelog entry")
        verbose_name_plural = _("changelog entries")

    def linked_idea_ids(self) -> list[int]:
        """The ids of the ideas it names (read from memory in a preview of unsaved changes)."""
        return [link.idea_id for link in self.shipped_ideas.all()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ideas"] = ideas_among_for(request.user, self.linked_idea_ids()).order_by("title", "pk")
        return context


class ChangelogEntryIdea(Orderable):
    entry = ParentalKey(ChangelogEntryPage, on_delete=models.CASCADE, related_name="shipped_ideas")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="+", verbose_name=_("idea"))

    panels = [FieldPanel("idea")]

    class Meta(Orderable.Meta):
        app_label = "cms"
        verbose_name = _("shipped idea")
        constraints = [models.UniqueConstraint(fields=["entry", "idea"], name="changelog_entry_idea_once")]
