"""RSS and Atom feeds: new ideas of a public space, and the latest status changes.

Feeds are read anonymously and their URLs get shared, so they show public content only,
whoever asks (`ideas.selectors.feeds`). Titles are escaped once more, as Django's own feeds
do, because some readers show a title as HTML; descriptions are sanitised HTML.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import gettext as _

from ideas import selectors

FEED_LENGTH = 50


def _name_of(user) -> str:
    return user.display_name if user else _("a former member")


class NewIdeasFeed(Feed):
    """The newest ideas of one public space; a space anyone cannot read is not found."""

    feed_type = feedgenerator.Rss201rev2Feed
    description_template = "ideas/feeds/idea_description.html"

    def get_object(self, request, slug):
        return selectors.public_space(slug)

    def title(self, space):
        return _("New ideas in %(space)s · %(site)s") % {"space": space.name, "site": settings.SITE_NAME}

    def link(self, space):
        return reverse("ideas:space", args=[space.slug])

    def description(self, space):
        return space.description or _("The newest ideas shared in %(space)s.") % {"space": space.name}

    def items(self, space):
        return selectors.new_ideas_in(space, limit=FEED_LENGTH)

    def item_title(self, idea):
        return escape(idea.title)

    def item_pubdate(self, idea):
        return idea.created_at

    def item_updateddate(self, idea):
        return idea.updated_at

    def item_author_name(self, idea):
        return _name_of(idea.author)

    def item_categories(self, idea):
        category = [idea.category.name] if idea.category else []
        return [*category, *(tag.name for tag in idea.tags.all())]


class NewIdeasAtomFeed(NewIdeasFeed):
    feed_type = feedgenerator.Atom1Feed
    subtitle = NewIdeasFeed.description


class StatusChangesFeed(Feed):
    """What became of the public ideas: each status change with its official response.
    `?space=<slug>` narrows it to one public space; any other space is not found."""

    feed_type = feedgenerator.Rss201rev2Feed
    description_template = "ideas/feeds/status_change_description.html"

    def get_object(self, request):
        slug = request.GET.get("space")
        return selectors.public_space(slug) if slug else None

    def title(self, space):
        if space is None:
            return _("Status changes · %(site)s") % {"site": settings.SITE_NAME}
        return _("Status changes in %(space)s · %(site)s") % {"space": space.name, "site": settings.SITE_NAME}

    def link(self, space):
        return reverse("ideas:space", args=[space.slug]) if space else reverse("ideas:list")

    def description(self, space):
        return _("What became of the ideas: their new statuses and the official responses.")

    def items(self, space):
        return selectors.public_status_changes(space=space, limit=FEED_LENGTH)

    def item_title(self, change):
        return escape(f"{change.idea.title}: {change.get_to_status_display()}")

    def item_link(self, change):
        return f"{change.idea.get_absolute_url()}#status-{change.pk}"

    def item_pubdate(self, change):
        return change.created_at

    def item_updateddate(self, change):
        """A change is never edited, but an Atom entry needs `updated`."""
        return change.created_at

    def item_author_name(self, change):
        return _name_of(change.actor)

    def item_categories(self, change):
        return [change.get_to_status_display(), *([change.idea.category.name] if change.idea.category else [])]


class StatusChangesAtomFeed(StatusChangesFeed):
    feed_type = feedgenerator.Atom1Feed
    subtitle = StatusChangesFeed.description
