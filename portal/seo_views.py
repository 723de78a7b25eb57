"""What the portal tells crawlers: robots.txt (the sitemap itself is in `portal.sitemaps`)."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

# Back office, API, accounts and personal pages: nothing there for a search engine.
DISALLOWED = ("/cms/", "/api/", "/accounts/", "/moderation/", "/notifications/", "/invitations/")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        *(f"Disallow: {path}" for path in DISALLOWED),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
