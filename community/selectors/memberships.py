"""Reads of who belongs to a space, as its members and their managers may see it."""

from django.db.models import Case, QuerySet, When
from django.db.models.functions import Lower

from community import access
from community.models import Membership, Space, User


def space_members_for(user: User, slug: str) -> Space | None:
    """The space `slug` if `user` may see who belongs to it (its members and staff); otherwise None."""
    space = Space.objects.filter(slug=slug).first()
    return space if space is not None and access.can_see_members(user, space) else None


def members_of(space: Space) -> QuerySet[Membership]:
    """Who belongs to `space`: owners first, then moderators, then members, each by name."""
    order = {Membership.Role.OWNER: 0, Membership.Role.MODERATOR: 1, Membership.Role.MEMBER: 2}
    return (
        Membership.objects.filter(space=space)
        .select_related("user__profile")
        .alias(rank=Case(*(When(role=role, then=rank) for role, rank in order.items())))
        .order_by("rank", Lower("user__profile__display_name"), "user__username")
    )


def members_for(viewer: User, space: Space) -> QuerySet[Membership]:
    """The active members of `space` as `members_of` lists them, for its landing page; empty
    unless `viewer` is a member or staff."""
    if not access.can_see_members(viewer, space):
        return Membership.objects.none()
    return members_of(space).filter(user__is_active=True)


def membership_of(user: User, space: Space) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user_id=user.pk, space=space).first()
