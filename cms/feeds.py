"""RSS and Atom feeds of a changelog. Feeds are read by anyone, signed in or not, so an entry
names only the ideas a visitor may see."""

from collections import defaultdict

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.utils import feedgenerator
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from ideas.selectors.site import ideas_among_for

FEED_LENGTH = 20


class ChangelogFeed(Feed):
    feed_type = feedgenerator.Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index.title

    def link(self):
        return self.index.url

    def description(self):
        return _("What shipped, release by release.")

    def items(self):
        entries = list(self.index.entries()[:FEED_LENGTH])
        self._ideas = self._public_ideas_of(entries)
        return entries

    def _public_ideas_of(self, entries) -> dict[int, list]:
        """Each entry's ideas a visitor may see (two queries for all the entries)."""
        entries_of = defaultdict(list)
        for entry_id, idea_id in self.index.idea_links_of(entries):
            entries_of[idea_id].append(entry_id)
        visible = ideas_among_for(AnonymousUser(), list(entries_of)).order_by("title", "pk")
        ideas = defaultdict(list)
        for idea in visible:
            for entry_id in entries_of[idea.pk]:
                ideas[entry_id].append(idea)
        return ideas

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_description(self, item):
        return render_to_string(
            "cms/changelog_feed_item.html",
            {
                "notes": expand_db_html(item.notes),
                "ideas": [
                    (idea.title, self.request.build_absolute_uri(idea.get_absolute_url()))
                    for idea in self._ideas.get(item.pk, [])
                ],
            },
        )


class ChangelogAtomFeed(ChangelogFeed):
    feed_type = feedgenerator.Atom1Feed
    subtitle = ChangelogFeed.description
