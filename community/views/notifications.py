"""Notifications: the list, opening one, marking all read, and the one-click unsubscribe from e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import notifications, selectors, services

NOTIFICATIONS_PER_PAGE = 25


@login_required
@require_GET
def notification_list(request):
    """The signed-in user's notifications, newest first, about spaces they can still see."""
    page = Paginator(selectors.notifications_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "community/notifications.html", {"page": page})


@login_required
@require_POST
def open_notification(request, pk: int):
    """Mark a notification read and go to what it is about, if that is a page of this site."""
    notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
    services.mark_notification_read(request.user, notification)
    return redirect(notifications.local_path(notification.url) or "community:notifications")


@login_required
@require_POST
def mark_all_notifications_read(request):
    services.mark_all_notifications_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("community:notifications")


# The token in the address is the proof, not a session: a mail program's one-click
# unsubscribe (RFC 8058) posts here without cookies, so there is no CSRF token to check.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """Stop notification e-mails from a link in one of them: GET asks, POST does it.

    Mail scanners open links to check them, so opening the link alone changes nothing.
    """
    user = notifications.user_for_unsubscribe_token(token)
    if user is None:
        return render(request, "community/unsubscribe.html", {"state": "invalid"}, status=400)
    if request.method == "POST":
        services.stop_emails(user)
        return render(request, "community/unsubscribe.html", {"state": "done"})
    return render(request, "community/unsubscribe.html", {"state": "confirm"})
