"""Middleware of the portal as a whole."""

from django.utils.cache import patch_cache_control, patch_vary_headers

from community.ratelimits import RateLimited
from portal.views import error_page


class PrivateWhenSignedInMiddleware:
    """A page rendered for a signed-in person must never be stored by a shared cache.

    Such pages show private ideas, notifications and vote states; a proxy or CDN that
    kept one could hand it to the next visitor. Anonymous pages stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        return response


class SlowDownMiddleware:
    """A request over a rate limit (`community.ratelimits.RateLimited`) gets 429, `Retry-After` and the
    site's "slow down" page; an htmx request gets the message alone (`portal.views.error_page`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RateLimited):
            return None
        response = error_page(request, 429, reason=exception.message)
        response["Retry-After"] = str(exception.retry_after)
        return response
