"""Memberships: adding, roles, removal and leaving, and those that follow an e-mail domain or SSO groups.

Each change is logged (`ModerationAction`); the portal itself (no actor) adds and ends the memberships
that follow an e-mail domain or SSO group."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from community import access
from community.models import (
    Membership,
    ModerationAction,
    Space,
    User,
)
from community.services.audit import record_action, refuse
from community.services.profiles import refresh_segment
from community.signals import membership_ended

logger = logging.getLogger(__name__)
Action = ModerationAction.Action


# How far each role reaches: a role is never lowered by an invitation or an SSO group.
ROLE_RANK = {Membership.Role.MEMBER: 0, Membership.Role.MODERATOR: 1, Membership.Role.OWNER: 2}


def check_manages(actor: User, space: Space, action: ModerationAction.Action | None = None) -> None:
    """Refuse `actor` unless they manage `space`; with `action`, the refusal is logged too (then call it
    before the transaction opens, or the entry rolls back with it)."""
    if access.can_manage_space(actor, space):
        return
    message = gettext("Only the space's owners and staff manage its members.")
    if action is None:
        raise PermissionDenied(message)
    refuse(actor, action, space=space, message=message)


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


def _log(actor: User | None, action: ModerationAction.Action, membership: Membership, **changes) -> None:
    """Log a change of `membership`; `actor` None is the portal acting on an e-mail domain or SSO group."""
    record_action(actor, action, target=membership, space=membership.space, subject=membership.user, **changes)


def _join(
    actor: User | None, space: Space, user: User, role: Membership.Role, source: Membership.Source
) -> tuple[Membership, bool]:
    """The membership of `user` in `space`, created (and logged) unless they already had one."""
    membership, created = Membership.objects.get_or_create(
        user=user, space=space, defaults={"role": role, "source": source}
    )
    if created:
        _log(actor, Action.ADD_MEMBER, membership, after={"role": role, "source": source})
    return membership, created


def _set_role(actor: User | None, membership: Membership, role: Membership.Role) -> None:
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    _log(actor, Action.CHANGE_ROLE, membership, before={"role": before}, after={"role": role})


def add_member(actor: User, space: Space, user: User, *, role: Membership.Role = Membership.Role.MEMBER) -> Membership:
    """Make `user` a member of `space` with `role` (its owners and staff)."""
    check_manages(actor, space, Action.ADD_MEMBER)
    role = Membership.Role(role)
    with transaction.atomic():
        membership, created = _join(actor, space, user, role, Membership.Source.ADDED)
        if not created:
            raise ValidationError(gettext("This person is already a member of this space."), code="already_member")
        refresh_segment(user)
    return membership


def change_role(actor: User, space: Space, user: User, role: Membership.Role) -> Membership:
    """Give `user` another role in `space`; a space keeps at least one owner."""
    check_manages(actor, space, Action.CHANGE_ROLE)
    role = Membership.Role(role)
    with transaction.atomic():
        membership = _membership(space, user)
        if role != Membership.Role.OWNER:
            _check_not_last_owner(
                membership, gettext("The space's last owner cannot be demoted; make someone else owner first.")
            )
        if membership.role != role:
            _set_role(actor, membership, role)
    return membership


def _end_membership(actor: User | None, membership: Membership) -> None:
    """Delete the membership; ideas drops the person's follows of the space's ideas (`membership_ended`),
    and the access rule, read on every request, does the rest (pages, notifications, API tokens)."""
    _log(actor, Action.REMOVE_MEMBER, membership, before={"role": membership.role, "source": membership.source})
    membership.delete()
    membership_ended.send(sender=Membership, user=membership.user, space_id=membership.space_id)


def remove_member(actor: User, space: Space, user: User) -> None:
    """Take `user` out of `space`: from their next request on, they see of it what an outsider sees."""
    check_manages(actor, space, Action.REMOVE_MEMBER)
    with transaction.atomic():
        membership = _membership(space, user)
        _check_not_last_owner(
            membership, gettext("The space's last owner cannot be removed; make someone else owner first.")
        )
        _end_membership(actor, membership)
        refresh_segment(user)


@transaction.atomic
def leave_space(actor: User, space: Space) -> None:
    """`user` leaves `space`; its last owner cannot leave it ownerless."""
    membership = _membership(space, actor)
    _check_not_last_owner(membership, gettext("You are the last owner; make someone else owner before you leave."))
    _end_membership(actor, membership)
    refresh_segment(actor)


def end_memberships(actor: User | None, memberships: QuerySet[Membership]) -> int:
    """End each of `memberships`, as removing a member does; returns how many."""
    stale = list(memberships.select_related("user", "space"))
    for membership in stale:
        _end_membership(actor, membership)
    return len(stale)


@transaction.atomic
def join_spaces_by_domain(user: User) -> list[Membership]:
    """Make `user` a member of each internal space open to the domain of one of their verified
    addresses (`access.spaces_open_by_domain`); a membership they already have is left as it is."""
    joined = []
    for space in access.spaces_open_by_domain(user).exclude(memberships__user_id=user.pk):
        membership, created = _join(None, space, user, Membership.Role.MEMBER, Membership.Source.DOMAIN)
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
    dropped = end_memberships(
        None, Membership.objects.filter(user_id=user.pk, source=Membership.Source.DOMAIN).exclude(space__in=still_open)
    )
    refresh_segment(user)
    return dropped


def _sso_grants(groups: list[str], *, provider: str) -> dict[Space, Membership.Role]:
    """Space → role for `groups`, as SSO_GROUP_SPACES maps them; the strongest role wins."""
    wanted: dict[str, Membership.Role] = {}
    for group in groups:
        target = settings.SSO_GROUP_SPACES.get(group)
        if target is None:
            continue
        slug, role = (target, "member") if isinstance(target, str) else (target["space"], target.get("role", "member"))
        role = Membership.Role(role)
        if slug not in wanted or ROLE_RANK[role] > ROLE_RANK[wanted[slug]]:
            wanted[slug] = role
    spaces = {space.slug: space for space in Space.objects.filter(slug__in=wanted)}
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
    for space, role in grants.items():
        membership = held.get(space.pk) or _join(None, space, user, role, Membership.Source.SSO)[0]
        if membership.source != Membership.Source.SSO:
            continue
        if membership.role != role:
            _set_role(None, membership, role)
        kept.append(membership)
    end_memberships(
        None, Membership.objects.filter(user_id=user.pk, source=Membership.Source.SSO).exclude(space__in=grants)
    )
    refresh_segment(user)
    return kept
