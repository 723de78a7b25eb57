"""Memberships: roles, removal and leaving, and those that follow an e-mail domain or SSO groups."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from community import access
from community.models import (
    Membership,
    Space,
    User,
)
from community.services.profiles import refresh_segment
from community.signals import membership_ended

logger = logging.getLogger(__name__)


# How far each role reaches: a role is never lowered by an invitation or an SSO group.
ROLE_RANK = {Membership.Role.MEMBER: 0, Membership.Role.MODERATOR: 1, Membership.Role.OWNER: 2}


def check_manages(actor: User, space: Space) -> None:
    if not access.can_manage_members(actor, space):
        raise PermissionDenied(gettext("Only the space's owners and staff manage its members."))


def _membership(space: Space, user: User) -> Membership:
    membership = Membership.objects.select_for_update().filter(space=space, user=user).first()
    if membership is None:
        raise ValidationError(gettext("This person is not a member of this space."), code="not_member")
    return membership


def _check_not_last_owner(membership: Membership, message: str) -> None:
    if membership.role != Membership.Role.OWNER:
        return
    owners = Membership.objects.select_for_update().filter(space_id=membership.space_id, role=Membership.Role.OWNER)
    if owners.count() <= 1:
        raise ValidationError(message, code="last_owner")


@transaction.atomic
def change_role(actor: User, space: Space, user: User, role: Membership.Role) -> Membership:
    """Give `user` another role in `space`; a space keeps at least one owner."""
    check_manages(actor, space)
    role = Membership.Role(role)
    membership = _membership(space, user)
    if role != Membership.Role.OWNER:
        _check_not_last_owner(
            membership, gettext("The space's last owner cannot be demoted; make someone else owner first.")
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def _end_membership(membership: Membership) -> None:
    """Delete the membership; ideas drops the person's follows of the space's ideas (`membership_ended`),
    and the access rule, read on every request, does the rest (pages, notifications, API tokens)."""
    membership.delete()
    membership_ended.send(sender=Membership, user=membership.user, space_id=membership.space_id)


@transaction.atomic
def remove_member(actor: User, space: Space, user: User) -> None:
    """Take `user` out of `space`: from their next request on, they see of it what an outsider sees."""
    check_manages(actor, space)
    membership = _membership(space, user)
    _check_not_last_owner(
        membership, gettext("The space's last owner cannot be removed; make someone else owner first.")
    )
    _end_membership(membership)
    refresh_segment(user)


@transaction.atomic
def leave_space(user: User, space: Space) -> None:
    """`user` leaves `space`; its last owner cannot leave it ownerless."""
    membership = _membership(space, user)
    _check_not_last_owner(membership, gettext("You are the last owner; make someone else owner before you leave."))
    _end_membership(membership)
    refresh_segment(user)


def _end_memberships(memberships: QuerySet[Membership]) -> int:
    stale = list(memberships.select_related("user"))
    for membership in stale:
        _end_membership(membership)
    return len(stale)


@transaction.atomic
def join_spaces_by_domain(user: User) -> list[Membership]:
    """Make `user` a member of each internal space open to the domain of one of their verified
    addresses (`access.spaces_open_by_domain`); a membership they already have is left as it is."""
    joined = []
    for space in access.spaces_open_by_domain(user).exclude(memberships__user_id=user.pk):
        membership, created = Membership.objects.get_or_create(
            user=user, space=space, defaults={"role": Membership.Role.MEMBER, "source": Membership.Source.DOMAIN}
        )
        if created:
            joined.append(membership)
    refresh_segment(user)
    return joined


@transaction.atomic
def drop_domain_memberships(user: User) -> int:
    """End the memberships `user` had through an e-mail domain that none of their verified addresses
    opens any more (address removed, domain taken off the space); returns how many. Memberships
    that came otherwise (invitation, staff, SSO) stay."""
    still_open = access.spaces_open_by_domain(user).values("pk")
    dropped = _end_memberships(
        Membership.objects.filter(user_id=user.pk, source=Membership.Source.DOMAIN).exclude(space__in=still_open)
    )
    refresh_segment(user)
    return dropped


def _sso_grants(groups: list[str], *, provider: str) -> dict[int, Membership.Role]:
    """Space id → role for `groups`, as SSO_GROUP_SPACES maps them; the strongest role wins."""
    wanted: dict[str, Membership.Role] = {}
    for group in groups:
        target = settings.SSO_GROUP_SPACES.get(group)
        if target is None:
            continue
        slug, role = (target, "member") if isinstance(target, str) else (target["space"], target.get("role", "member"))
        role = Membership.Role(role)
        if slug not in wanted or ROLE_RANK[role] > ROLE_RANK[wanted[slug]]:
            wanted[slug] = role
    spaces = dict(Space.objects.filter(slug__in=wanted).values_list("slug", "pk"))
    for slug in wanted.keys() - spaces.keys():
        logger.warning("SSO_GROUP_SPACES names the space %r, which does not exist (provider %s).", slug, provider)
    return {spaces[slug]: role for slug, role in wanted.items() if slug in spaces}


@transaction.atomic
def sync_sso_groups(user: User, groups: list[str], *, provider: str) -> list[Membership]:
    """Bring `user`'s SSO memberships in line with the groups the identity provider `provider` just
    sent: a membership for each mapped group, none for a group that is gone. Memberships that came
    otherwise (invitation, staff, e-mail domain) are never changed. Returns the SSO memberships held."""
    grants = _sso_grants(groups, provider=provider)
    held = {membership.space_id: membership for membership in Membership.objects.filter(user_id=user.pk)}
    kept = []
    for space_id, role in grants.items():
        membership = held.get(space_id) or Membership.objects.create(
            user=user, space_id=space_id, role=role, source=Membership.Source.SSO
        )
        if membership.source != Membership.Source.SSO:
            continue
        if membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
        kept.append(membership)
    _end_memberships(
        Membership.objects.filter(user_id=user.pk, source=Membership.Source.SSO).exclude(space_id__in=grants)
    )
    refresh_segment(user)
    return kept
