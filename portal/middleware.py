"""Middleware of the portal as a whole."""

from django.utils.cache import patch_cache_control, patch_vary_headers


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
