"""Pages of the community app."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import notifications, selectors, services
from community.forms import ProfileForm

NOTIFICATIONS_PER_PAGE = 25


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """The signed-in user's own profile: the name others see, and how often they get e-mail."""
    current = selectors.profile_for(request.user)
    # Bound on every POST, even an empty one, so a missing name is reported, not ignored.
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, initial={"display_name": current.display_name, "email_frequency": current.email_frequency})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                request.user,
                display_name=form.cleaned_data["display_name"],
                email_frequency=form.cleaned_data["email_frequency"] or None,
            )
        except ValidationError as error:
            form.add_error("display_name", error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("community:profile")
    return render(request, "community/profile.html", {"form": form, "profile": current})


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
