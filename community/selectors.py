"""Reads of the community app."""

import hashlib

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, QuerySet, When
from django.db.models.functions import Lower
from django.utils import timezone

from community import access
from community.models import Invitation, Membership, Notification, Profile, Space, User


def account_with_email(email: str) -> User | None:
    """The account holding `email` as any of its addresses, whatever the case; None if no one does."""
    email = email.strip()
    known = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if known is not None:
        return known.user
    return User.objects.filter(email__iexact=email).first()


def profile_for(user: User) -> Profile:
    """`user`'s own profile; an unsaved default for accounts created without one (admin, shell)."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        return Profile(user=user, display_name=user.username)


def notifications_for(user: User) -> QuerySet[Notification]:
    """`user`'s notifications, newest first, leaving out spaces they can no longer see.

    The access rule is applied here, on every read, so removing a member hides what they
    were told about that space from their next request on, and hiding an idea hides what
    its followers were told about it.
    """
    notifications = Notification.objects.filter(recipient_id=user.pk, space__in=access.visible_spaces(user))
    for model in access.hideable_models():
        notifications = notifications.exclude(
            target_type=ContentType.objects.get_for_model(model),
            target_id__in=access.hidden_from(user, model).values("pk"),
        )
    return notifications.select_related("space", "actor__profile").order_by("-created_at", "-pk")


def unread_notification_count(user: User) -> int:
    """How many of `notifications_for(user)` are unread: one query, for the bell in the header."""
    return notifications_for(user).filter(read_at=None).count()


def invitation_token_hash(token: str) -> str:
    """What is stored of an invitation's token: the link carries the token, the database only its hash."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token opens, whatever its state (used, expired, withdrawn); None if none."""
    return Invitation.objects.select_related("space").filter(token_hash=invitation_token_hash(token)).first()


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


def pending_invitations(space: Space) -> QuerySet[Invitation]:
    """Invitations into `space` that still work (not withdrawn, expired or used up), newest first."""
    return Invitation.objects.filter(
        space=space, revoked_at=None, expires_at__gt=timezone.now(), uses__lt=F("max_uses")
    ).select_related("created_by__profile")


def members_shown_to(viewer: User, space: Space) -> QuerySet[Membership]:
    """The active members of `space` as `members_of` lists them, for its landing page; empty
    unless `viewer` is a member or staff."""
    if not access.can_see_members(viewer, space):
        return Membership.objects.none()
    return members_of(space).filter(user__is_active=True)


def membership_of(user: User, space: Space) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user_id=user.pk, space=space).first()
