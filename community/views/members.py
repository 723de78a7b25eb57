"""A space's members page for its owners (and staff): invitations by e-mail and link, roles,
removal; and leaving a space."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import access, selectors, services
from community.forms import InviteByEmailForm, InviteLinkForm, RoleForm
from community.models import Membership
from community.site_url import absolute_url


def _space_or_404(request, slug: str):
    space = selectors.space_members_for(request.user, slug)
    if space is None:
        raise Http404("No space matches the given query.")
    return space


def _members_page(request, space, *, status=200, invite_form=None, link_form=None, new_link=None):
    manages = access.can_manage_space(request.user, space)
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
