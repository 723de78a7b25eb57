"""Accepting an invitation, by its link, for people with or without an account."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import access, selectors, services
from community.adapters import PENDING_INVITATION

# How a refused invitation is answered: gone for good (410), or never there (404).
_REFUSAL_STATUS = {"invalid": 404, "revoked": 410, "expired": 410, "used": 410, "wrong_account": 403}


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """The page an invitation link opens: join (POST), or sign up / sign in first and come back here."""
    invitation = selectors.invitation_for_token(token)
    signed_in = request.user.is_authenticated
    if request.method == "POST" and not signed_in:
        return redirect_to_login(request.get_full_path())
    try:
        access.check_invitation(invitation, request.user if signed_in else None)
        if request.method == "POST":
            membership = services.accept_invitation(request.user, token)
    except ValidationError as error:
        request.session.pop(PENDING_INVITATION, None)
        # The site's error page (error.html) with the invitation's reason: gone (410), not found, refused.
        return render(
            request, "community/invitation_refused.html", {"error": error}, status=_REFUSAL_STATUS[error.code]
        )
    if request.method == "POST":
        request.session.pop(PENDING_INVITATION, None)
        messages.success(request, _("Welcome to %(space)s.") % {"space": membership.space.name})
        return redirect("ideas:space", slug=membership.space.slug)
    if not signed_in:
        request.session[PENDING_INVITATION] = token
    context = {
        "invitation": invitation,
        "signed_in": signed_in,
        "membership": selectors.membership_of(request.user, invitation.space),
        "here": request.path,
    }
    return render(request, "community/invitation.html", context)
