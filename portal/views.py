"""Views that belong to the portal as a whole rather than to one app."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from api.errors import error_body
from ideas.views.htmx import is_htmx

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """For load balancers and monitors: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer.")
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# --- Error pages ------------------------------------------------------------------
# One page for every refusal and failure (error.html): the site's header, a heading, the
# reason where our own code wrote it, and a way on. An htmx request gets the reason alone,
# shown before what it would have replaced, so the form and what was typed stay.
# (410 is answered for spent invitations, by community/invitation_refused.html on this layout.)

TITLES = {
    403: _("You cannot do this"),
    404: _("Page not found"),
    429: _("Slow down"),
    500: _("Something went wrong on our side"),
}
EXPLANATIONS = {
    403: _("If you think you should be allowed, ask the moderators or owners of the space."),
    404: _("There is nothing here, or you do not have access to it."),
    429: _("Going back with your browser brings you to the form with what you typed."),
    500: _("The error has been logged. Please try again in a moment."),
}


def _ways_on(request, status: int) -> list[tuple[str, str]]:
    links = [("/", _("Go to the home page")), (reverse("ideas:list"), _("Browse ideas"))]
    if status == 403 and not request.user.is_authenticated:
        sign_in = f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()}, safe='/')}"
        links.insert(0, (sign_in, _("Sign in")))
    return links


def error_page(request, status: int, *, reason: str = "") -> HttpResponse:
    """The site's page for `status`; `reason` is shown as it is, so it must be text our code wrote."""
    if is_htmx(request):
        response = render(request, "error.html#message", {"reason": reason or TITLES[status]}, status=status)
        response["HX-Reswap"] = "beforebegin"
        return response
    context = {
        "title": TITLES[status],
        "reason": reason,
        "explanation": EXPLANATIONS[status],
        "links": _ways_on(request, status),
    }
    return render(request, "error.html", context, status=status)


def permission_denied(request, exception):
    """handler403. A PermissionDenied carries a message our services and views wrote for people."""
    return error_page(request, 403, reason=str(exception))


def page_not_found(request, exception):
    """handler404. The exception is not shown: Http404's message may name models and queries."""
    return error_page(request, 404)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW. Django's `reason` is for developers; people read what to do."""
    return error_page(request, 403, reason=_("This form had expired. Go back, reload the page and send it again."))


def server_error(request):
    """handler500. Rendered with a plain context (no context processors, no session or user), so it
    works when the database is what failed; the API answers in its own JSON shape."""
    message = TITLES[500]
    if request.path.startswith(reverse("api:root")):
        return JsonResponse(error_body("server_error", f"{message}."), status=500)
    context = {
        "request": request,
        "site_name": settings.SITE_NAME,
        "title": message,
        "explanation": EXPLANATIONS[500],
        "links": [("/", _("Go to the home page"))],
    }
    return HttpResponseServerError(loader.get_template("error.html").render(context))
