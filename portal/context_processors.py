"""Template context shared by every page."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The main navigation, in order. A section shows once the app that serves it has its
# route, so the menu never links to a page that does not exist yet.
NAVIGATION = [
    ("ideas:list", _("Ideas")),
    ("ideas:spaces", _("Spaces")),
]


def _section_links():
    for url_name, label in NAVIGATION:
        try:
            yield {"url": reverse(url_name), "label": label}
        except NoReverseMatch:
            continue


def site_navigation(request):
    links = list(_section_links())
    for link in links:
        link["current"] = request.path.startswith(link["url"])
    return {"navigation": links, "site_name": settings.SITE_NAME}
