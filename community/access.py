"""The access rule: the one place that decides who may see or do what.

Visibility is defined once, as a queryset of spaces (`visible_spaces`); every list,
page, search, feed, e-mail and API answer filters by it inside its own query, and the
per-object checks below are derived from it, so a list and a page cannot disagree.
Outsiders are told "not found", exactly as for an object that does not exist.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from community.models import Invitation, Membership, Profile, Space, Suspension, User

MODERATING_ROLES = (Membership.Role.MODERATOR, Membership.Role.OWNER)


def act_within(user: User, space_ids) -> User:
    """`user`, narrowed to `space_ids` for the rest of this request (an API token limited to
    some spaces): everything below then sees and allows only what lies in both."""
    user.space_scope = frozenset(space_ids)
    return user


def _within_scope(user: User, spaces: QuerySet[Space]) -> QuerySet[Space]:
    scope = getattr(user, "space_scope", None)
    return spaces if scope is None else spaces.filter(pk__in=scope)


def _is_active_staff(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


def visible_spaces(user: User) -> QuerySet[Space]:
    """Spaces whose ideas `user` may read: public ones, their own, or all for staff."""
    if _is_active_staff(user):
        return _within_scope(user, Space.objects.all())
    public = Q(visibility=Space.Visibility.PUBLIC)
    if not (user.is_authenticated and user.is_active):
        return Space.objects.filter(public)
    member_of = Membership.objects.filter(user_id=user.pk).values("space_id")
    return _within_scope(user, Space.objects.filter(public | Q(pk__in=member_of)))


def moderated_spaces(user: User) -> QuerySet[Space]:
    """Spaces where `user` may moderate: where they are moderator or owner, or all for staff."""
    if not (user.is_authenticated and user.is_active):
        return Space.objects.none()
    if user.is_staff:
        return _within_scope(user, Space.objects.all())
    return _within_scope(
        user, Space.objects.filter(memberships__user_id=user.pk, memberships__role__in=MODERATING_ROLES)
    )


def managed_spaces(user: User) -> QuerySet[Space]:
    """Spaces `user` may edit and whose members they manage (invite, change roles, remove): as owner,
    or all for staff."""
    if not (user.is_authenticated and user.is_active):
        return Space.objects.none()
    if user.is_staff:
        return _within_scope(user, Space.objects.all())
    return _within_scope(
        user, Space.objects.filter(memberships__user_id=user.pk, memberships__role=Membership.Role.OWNER)
    )


def can_manage_space(user: User, space: Space) -> bool:
    """Whether `user` may edit `space` and manage its members: its owners and staff."""
    return managed_spaces(user).filter(pk=space.pk).exists()


def can_create_space(user: User) -> bool:
    """A new space has no owner yet: staff create spaces."""
    return _is_active_staff(user)


def can_see_members(user: User, space: Space) -> bool:
    """Whether `user` may see who belongs to `space`: its members and staff, even of a public space."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return _within_scope(user, Space.objects.filter(pk=space.pk)).exists()
    return _within_scope(user, Space.objects.filter(pk=space.pk, memberships__user_id=user.pk)).exists()


def check_invitation(invitation: Invitation | None, user: User | None = None) -> None:
    """Raise a ValidationError saying why `invitation` cannot be accepted (by `user`, if given).

    An e-mail invitation is for a verified address equal to the invited one, so a forwarded
    e-mail does not let someone else in.
    """
    if invitation is None:
        raise ValidationError(gettext("This invitation link is not valid."), code="invalid")
    if invitation.revoked_at is not None:
        raise ValidationError(gettext("This invitation was withdrawn."), code="revoked")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(gettext("This invitation has expired."), code="expired")
    if invitation.uses >= invitation.max_uses:
        raise ValidationError(gettext("This invitation has already been used."), code="used")
    if user is not None and not invitation.is_link:
        verified = EmailAddress.objects.filter(user_id=user.pk, email__iexact=invitation.email, verified=True)
        if not verified.exists():
            raise ValidationError(gettext("This invitation is for another address."), code="wrong_account")


def can_view(user: User, obj) -> bool:
    """Whether `user` may see `obj`: a Space, or anything that belongs to one (`space_id`).

    Something moderators have hidden stays visible to its author and the moderators.
    """
    space_id = obj.pk if isinstance(obj, Space) else obj.space_id
    if not visible_spaces(user).filter(pk=space_id).exists():
        return False
    if getattr(obj, "hidden", False):
        is_author = user.is_authenticated and obj.author_id == user.pk
        return is_author or moderated_spaces(user).filter(pk=space_id).exists()
    return True


def is_public(obj) -> bool:
    """Whether everyone, signed in or not, may see `obj` (as `can_view`): what a shared cache
    may keep and hand to anyone, such as the image of an idea in a public space."""
    return can_view(AnonymousUser(), obj)


# Models of things in a space that moderators may hide (`hidden`, `author`, `space`), registered
# by the apps that define them (ideas registers Idea), so that what points at them generically —
# notifications — follows the hidden rule without community importing those apps.
_hideable_models = []


def register_hideable(model) -> None:
    if model not in _hideable_models:
        _hideable_models.append(model)


def hideable_models() -> list:
    return list(_hideable_models)


def hidden_from(user: User, model) -> QuerySet:
    """The rows of a hideable `model` that are hidden from `user` (all but to authors and moderators)."""
    hidden = model.objects.filter(hidden=True)
    if not (user.is_authenticated and user.is_active):
        return hidden
    return hidden.exclude(Q(author_id=user.pk) | Q(space__in=moderated_spaces(user)))


def has_verified_email(user: User) -> bool:
    return EmailAddress.objects.filter(user_id=user.pk, verified=True).exists()


def can_contribute(user: User, space: Space) -> bool:
    """Whether `user` may submit, vote, comment or follow in `space`.

    Signed in, active, with a verified e-mail address (so that one person cannot vote
    through many throw-away addresses), and able to see the space.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return can_view(user, space) and has_verified_email(user) and not is_suspended(user, space)


def active_suspensions(user: User, space: Space | None = None) -> QuerySet[Suspension]:
    """`user`'s suspensions in force now: site-wide ones, and `space`'s when given."""
    now = timezone.now()
    where = Q(space__isnull=True) | Q(space=space) if space is not None else Q(space__isnull=True)
    return Suspension.objects.filter(
        where, user_id=user.pk, lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now
    )


def is_suspended(user: User, space: Space | None = None) -> bool:
    return user.is_authenticated and active_suspensions(user, space).exists()


def trust_level(user: User) -> Profile.TrustLevel:
    """How far `user` is trusted: staff and moderators fully, others as their activity earned."""
    if not (user.is_authenticated and user.is_active):
        return Profile.TrustLevel.NEW
    if user.is_staff or Membership.objects.filter(user_id=user.pk, role__in=MODERATING_ROLES).exists():
        return Profile.TrustLevel.TRUSTED
    level = Profile.objects.filter(user_id=user.pk).values_list("trust_level", flat=True).first()
    return Profile.TrustLevel(level or Profile.TrustLevel.NEW)


def can_report(user: User, obj) -> bool:
    """Whether `user` may report `obj` (an idea or comment they can see): anyone signed in and active."""
    return user.is_authenticated and user.is_active and can_view(user, obj)


def can_merge(user: User, source_space: Space, target_space: Space) -> bool:
    """Merging moves votes between two spaces' ideas, so it needs a moderator of both."""
    return can_moderate(user, source_space) and can_moderate(user, target_space)


def can_override_legal_hold(user: User) -> bool:
    """A legal hold keeps everyone but staff from editing or deleting an idea."""
    return _is_active_staff(user)


def can_alter(user: User, obj) -> bool:
    """Whether a legal hold leaves `obj` (an idea) open to edits and deletion by `user`: only staff
    may touch an idea under hold. Whoever else may edit it is decided by the service asking."""
    return not getattr(obj, "legal_hold", False) or can_override_legal_hold(user)


def can_tell_if_solved(user: User, obj, *, voted: bool) -> bool:
    """Whether `user` may say if the shipped `obj` (an idea) solved their problem: those who asked
    for it, its author and its voters (`voted`, which the caller knows), while they can still see it."""
    if not (user.is_authenticated and user.is_active):
        return False
    return (obj.author_id == user.pk or voted) and can_view(user, obj)


def can_read_internal_notes(user: User, space: Space) -> bool:
    """Internal notes are for the space's moderators and staff: never its members or the author."""
    return can_moderate(user, space)


def can_delete(user: User, obj, *, others_took_part: bool) -> bool:
    """Whether `user` may delete `obj` (an idea): its space's moderators and staff, or its author as long
    as no one else took part (voted or commented, which the caller knows); under legal hold, only staff."""
    if not (user.is_authenticated and user.is_active) or not can_alter(user, obj):
        return False
    if can_moderate(user, obj.space):
        return True
    return obj.author_id == user.pk and not others_took_part


def can_edit_terms(user: User) -> bool:
    """Staff, and the back-office editors given the permission, write and publish the submission terms."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.has_perm("community.change_submissionterms")


def can_read_moderation_log(user: User) -> bool:
    """Moderators (of any space: they read their spaces' entries) and staff."""
    return moderated_spaces(user).exists()


def can_moderate_site(user: User) -> bool:
    """Acting on the whole site at once (suspending someone from every space) is for staff alone."""
    return _is_active_staff(user)


def can_see_conduct(user: User) -> bool:
    """Whether `user` may open people's conduct record (suspensions, warnings): moderators and staff."""
    return can_moderate_site(user) or moderated_spaces(user).exists()


def can_export_moderation_log(user: User) -> bool:
    return _is_active_staff(user)


def can_read_whole_moderation_log(user: User) -> bool:
    """Staff read every entry, including those of no space (site-wide suspensions, deleted accounts)."""
    return _is_active_staff(user) and getattr(user, "space_scope", None) is None


def can_moderate(user: User, space: Space) -> bool:
    """Whether `user` may change statuses, answer officially and moderate in `space`."""
    return moderated_spaces(user).filter(pk=space.pk).exists()


def audience(space: Space, users: QuerySet[User]) -> QuerySet[User]:
    """Those of `users` who may see `space`: whom notifications, e-mails and webhooks may reach."""
    users = users.filter(is_active=True)
    if space.is_public:
        return users
    return users.filter(Q(is_staff=True) | Q(memberships__space=space)).distinct()


def audience_of(obj, users: QuerySet[User]) -> QuerySet[User]:
    """Those of `users` who may see `obj`, something in a space: as `can_view`, for many at once."""
    users = audience(obj.space, users)
    if not getattr(obj, "hidden", False):
        return users
    moderators = Q(is_staff=True) | Q(memberships__space_id=obj.space_id, memberships__role__in=MODERATING_ROLES)
    return users.filter(moderators | Q(pk=obj.author_id)).distinct()


def _domain(entry: str) -> str:
    """The domain of an address or of an `allowed_email_domains` entry ("acme.com" or "@acme.com")."""
    return str(entry).rpartition("@")[2].strip().lower()


def spaces_open_by_domain(user: User) -> QuerySet[Space]:
    """Internal spaces whose allowed e-mail domains include the domain of one of `user`'s verified
    addresses. Exact domains only: neither "mail.acme.com" nor "evil-acme.com" is "acme.com"."""
    addresses = EmailAddress.objects.filter(user_id=user.pk, verified=True).values_list("email", flat=True)
    domains = {_domain(address) for address in addresses}
    if not domains:
        return Space.objects.none()
    internal = Space.objects.filter(visibility=Space.Visibility.INTERNAL)
    open_ids = [
        pk
        for pk, allowed in internal.values_list("pk", "allowed_email_domains")
        if domains & {_domain(entry) for entry in allowed or ()}
    ]
    return Space.objects.filter(pk__in=open_ids)


def readable_posts(viewer: User) -> Q:
    """Which of the posts of a space (`hidden`, `space`, `author`) `viewer` may read, as a filter:
    those not hidden, and hidden ones by their author and the space's moderators. Whether the
    space itself is visible is `visible_spaces`'."""
    readable = Q(hidden=False) | Q(space__in=moderated_spaces(viewer))
    return readable | Q(author_id=viewer.pk) if viewer.is_authenticated else readable


def readable_comments(viewer: User) -> Q:
    """Which comments `viewer` may read, as a filter on comments (`kept_in_space`, `hidden`,
    `author`, `idea__space`): those that travel with their idea, or that stayed behind in a
    space `viewer` may see; hidden ones only for their author and the moderators of the space
    they are in. The idea's own visibility is checked by whoever lists its comments."""
    kept = Q(kept_in_space=None) | Q(kept_in_space__in=visible_spaces(viewer))
    shown = Q(hidden=False)
    if viewer.is_authenticated:
        moderated = moderated_spaces(viewer)
        shown |= Q(author_id=viewer.pk) | Q(kept_in_space=None, idea__space__in=moderated)
        shown |= Q(kept_in_space__in=moderated)
    return kept & shown


def comments_open_to(user: User, idea, *, moderates: bool | None = None) -> bool:
    """Whether comments on `idea` are open to `user`: always to its space's moderators, to
    others until a moderator locks them. `moderates`, when the caller already knows it, saves
    asking again. Whether `user` may contribute to the space at all is `can_contribute`'s."""
    if not idea.comments_locked:
        return True
    return can_moderate(user, idea.space) if moderates is None else moderates


def can_read_comment(user: User, comment) -> bool:
    return type(comment)._default_manager.filter(readable_comments(user), pk=comment.pk).exists()


def can_see_email_addresses(user: User) -> bool:
    """Staff see who wrote what by e-mail address (in the API); everyone else sees display names."""
    return _is_active_staff(user)


def can_read_votes(user: User, idea) -> bool:
    """Who voted for an idea (a list of people) is for staff following up."""
    return _is_active_staff(user) and can_view(user, idea)


def is_exempt_from_rate_limits(user: User) -> bool:
    return _is_active_staff(user)


def can_be_suspended(user: User) -> bool:
    """Staff cannot be suspended: they would lock the site's administrators out."""
    return not user.is_staff


def can_manage_tokens_of(actor: User, owner: User) -> bool:
    """People make and revoke their own API tokens; staff anyone's."""
    return _is_active_staff(actor) or (actor.is_authenticated and actor.pk == owner.pk)


def can_manage_webhooks(user: User) -> bool:
    return _is_active_staff(user)


def segment_of(user: User) -> Profile.Segment:
    """Employees: staff, members of an internal space or holders of a verified address on one's
    domains; partners: members of a private space; everyone else speaks as a customer."""
    memberships = Membership.objects.filter(user_id=user.pk)
    if (
        user.is_staff
        or memberships.filter(space__visibility=Space.Visibility.INTERNAL).exists()
        or spaces_open_by_domain(user).exists()
    ):
        return Profile.Segment.EMPLOYEE
    if memberships.filter(space__visibility=Space.Visibility.PRIVATE).exists():
        return Profile.Segment.PARTNER
    return Profile.Segment.CUSTOMER
