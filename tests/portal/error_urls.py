"""The site's URLs and error handlers, plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path

from community.ratelimits import RateLimited
from portal.urls import handler403, handler404, handler500
from portal.urls import urlpatterns as site_urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]

# What an exception may carry that a visitor must never read.
INTERNALS = "/srv/groundswell/ideas/selectors.py: Idea.objects.get(pk=42, space_id=7)"
REASON = "Only the space's owners and staff manage its members."


def forbidden(request):
    raise PermissionDenied(REASON)


def not_found(request):
    raise Http404(INTERNALS)


def slow(request):
    raise RateLimited("vote", 90)


def crash(request):
    raise RuntimeError(INTERNALS)


urlpatterns = [
    path("failing/forbidden/", forbidden),
    path("failing/not-found/", not_found),
    path("failing/slow/", slow),
    path("failing/crash/", crash),
    path("api/v1/failing/crash/", crash),
    *site_urlpatterns,
]
