"""A person's record of conduct: suspensions and warnings.

Read for the moderators' person page, for the trust levels (`ideas.trust`), and to tell a
suspended person until when they cannot post.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from community import access
from community.models import ModerationAction, Space, Suspension, User


def suspension_of(user: User, space: Space | None = None) -> Suspension | None:
    """The suspension in force that keeps `user` out longest: site-wide, or in `space` when given."""
    if not user.is_authenticated:
        return None
    return access.active_suspensions(user, space).select_related("space").order_by("-ends_at").first()


def suspension_notice(suspension: Suspension) -> str:
    """What a suspended person is told when they try to post."""
    until = date_format(timezone.localtime(suspension.ends_at), "DATETIME_FORMAT")
    if suspension.space_id is None:
        return _("You are suspended from the whole site until %(until)s.") % {"until": until}
    return _("You are suspended from %(space)s until %(until)s.") % {"space": suspension.space.name, "until": until}


def suspension_notice_for(user: User, space: Space | None = None) -> str:
    """What `user` is told if a suspension keeps them from posting in `space`; empty if none does."""
    suspension = suspension_of(user, space)
    return suspension_notice(suspension) if suspension else ""


def suspensions_for(viewer: User, user: User) -> QuerySet[Suspension]:
    """`user`'s suspensions, newest first, that `viewer` may see: site-wide ones and those in the spaces
    `viewer` moderates (all for staff)."""
    moderated = access.moderated_spaces(viewer)
    return (
        Suspension.objects.filter(Q(space__isnull=True) | Q(space__in=moderated), user=user)
        .select_related("space", "created_by__profile", "lifted_by__profile")
        .order_by("-starts_at", "-pk")
    )


def warnings_for(viewer: User, user: User) -> QuerySet[ModerationAction]:
    """The warnings `user` was given in the spaces `viewer` moderates, newest first."""
    return ModerationAction.objects.filter(
        action=ModerationAction.Action.WARN, subject=user, space__in=access.moderated_spaces(viewer)
    ).select_related("actor__profile", "space")


def with_conduct(users: QuerySet[User]) -> QuerySet[User]:
    """`users` annotated with `is_suspended` (a suspension in force, anywhere) and `recently_warned`
    (a warning in the last TRUST_WARNING_DAYS days), for computing trust levels in one query."""
    now = timezone.now()
    suspended = Suspension.objects.filter(
        user=OuterRef("pk"), lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now
    )
    warned = ModerationAction.objects.filter(
        action=ModerationAction.Action.WARN,
        subject=OuterRef("pk"),
        created_at__gte=now - timedelta(days=settings.TRUST_WARNING_DAYS),
    )
    return users.annotate(is_suspended=Exists(suspended), recently_warned=Exists(warned))


def person_for(viewer: User, username: str) -> User | None:
    """The person `username` if `viewer` may open their conduct record (moderators and staff); else None."""
    if not access.can_see_conduct(viewer):
        return None
    return User.objects.select_related("profile").filter(username=username).first()


def suspension_for(viewer: User, pk: int) -> Suspension | None:
    """A suspension `viewer` may see (as on the person page); None otherwise."""
    suspensions = Suspension.objects.filter(Q(space__isnull=True) | Q(space__in=access.moderated_spaces(viewer)))
    if not access.can_see_conduct(viewer):
        return None
    return suspensions.select_related("space", "user").filter(pk=pk).first()
