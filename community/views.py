"""Pages of the community app."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import access, notifications, selectors, services
from community.adapters import PENDING_INVITATION
from community.forms import InviteByEmailForm, InviteLinkForm, ProfileForm, RoleForm
from community.models import Membership
from community.site_url import absolute_url

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


def _space_or_404(request, slug: str):
    space = selectors.space_members_for(request.user, slug)
    if space is None:
        raise Http404("No space matches the given query.")
    return space


def _members_page(request, space, *, status=200, invite_form=None, link_form=None, new_link=None):
    manages = access.can_manage_members(request.user, space)
    context = {
        "space": space,
        "memberships": selectors.members_of(space),
        "own_membership": selectors.membership_of(request.user, space),
        "manages": manages,
        "roles": Membership.Role.choices,
        "new_link": new_link,
    }
    if manages:
        context |= {
            "invite_form": invite_form or InviteByEmailForm(),
            "link_form": link_form or InviteLinkForm(),
            "pending": selectors.pending_invitations(space),
        }
    return render(request, "community/members.html", context, status=status)


@require_GET
def members(request, slug: str):
    """Who belongs to a space, for its members and staff; owners and staff manage them here."""
    return _members_page(request, _space_or_404(request, slug))


@require_POST
def invite_member(request, slug: str):
    space = _space_or_404(request, slug)
    form = InviteByEmailForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_by_email(
                request.user, space, form.cleaned_data["email"], role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("An invitation is on its way to %(email)s.") % {"email": invitation.email})
            return redirect("community:members", slug=space.slug)
    return _members_page(request, space, status=400, invite_form=form)


@require_POST
def create_invite_link(request, slug: str):
    """Make a shareable link and show it, once: only a hash of it is kept."""
    space = _space_or_404(request, slug)
    form = InviteLinkForm(request.POST)
    if form.is_valid():
        try:
            _invitation, token = services.create_invite_link(
                request.user,
                space,
                role=form.cleaned_data["role"],
                expires_in=timedelta(days=form.cleaned_data["days"]),
                max_uses=form.cleaned_data["max_uses"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            link = absolute_url(reverse("community:invitation", args=[token]))
            return _members_page(request, space, new_link=link)
    return _members_page(request, space, status=400, link_form=form)


def _pending_invitation_or_404(space, pk: int):
    return get_object_or_404(selectors.pending_invitations(space), pk=pk)


@require_POST
def resend_invitation(request, slug: str, pk: int):
    space = _space_or_404(request, slug)
    invitation = services.resend_invitation(request.user, _pending_invitation_or_404(space, pk))
    messages.success(request, _("The invitation is sent again to %(email)s.") % {"email": invitation.email})
    return redirect("community:members", slug=space.slug)


@require_POST
def revoke_invitation(request, slug: str, pk: int):
    space = _space_or_404(request, slug)
    services.revoke_invitation(request.user, _pending_invitation_or_404(space, pk))
    messages.success(request, _("The invitation is withdrawn; its link no longer works."))
    return redirect("community:members", slug=space.slug)


def _member_or_404(space, user_id: int):
    return get_object_or_404(selectors.members_of(space), user_id=user_id).user


def _after_member_change(request, space, change, success: str):
    """Run `change`; report its refusal (the last owner) or `success`, then show the members again."""
    try:
        change()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("community:members", slug=space.slug)


@require_POST
def change_member_role(request, slug: str, user_id: int):
    space = _space_or_404(request, slug)
    member = _member_or_404(space, user_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("community:members", slug=space.slug)
    role = form.cleaned_data["role"]
    return _after_member_change(
        request,
        space,
        lambda: services.change_role(request.user, space, member, role),
        _("%(name)s is now %(role)s.") % {"name": member.display_name, "role": Membership.Role(role).label.lower()},
    )


@require_POST
def remove_member(request, slug: str, user_id: int):
    space = _space_or_404(request, slug)
    member = _member_or_404(space, user_id)
    return _after_member_change(
        request,
        space,
        lambda: services.remove_member(request.user, space, member),
        _("%(name)s is no longer a member of this space.") % {"name": member.display_name},
    )


@require_POST
def leave_space(request, slug: str):
    space = _space_or_404(request, slug)
    try:
        services.leave_space(request.user, space)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("community:members", slug=space.slug)
    messages.success(request, _("You left %(space)s.") % {"space": space.name})
    return redirect("ideas:spaces")


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
        context = {"invitation": invitation, "error": error, "signed_in": signed_in}
        return render(request, "community/invitation.html", context, status=_REFUSAL_STATUS[error.code])
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
