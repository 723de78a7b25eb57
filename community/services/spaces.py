"""Spaces: staff create them; their owners and staff edit them; each change is logged.

Who belongs to a space is `services.memberships` (add_member, change_role, remove_member).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext

from community import access
from community.models import Membership, ModerationAction, Space, User
from community.services.audit import record_action, refuse
from community.services.memberships import drop_domain_memberships, end_memberships
from community.services.profiles import refresh_segment

Action = ModerationAction.Action

# What an owner or staff may change once the space exists: not its slug, which its addresses carry.
EDITABLE_FIELDS = (
    "name",
    "description",
    "visibility",
    "allowed_email_domains",
    "premoderate_first_posts",
    "logo",
    "accent_colour",
)
# Who counts as what (`refresh_segment`) depends on these.
SEGMENT_FIELDS = {"visibility", "allowed_email_domains"}


def _snapshot(space: Space, fields) -> dict:
    """The fields as JSON-ready values, for the log's before/after."""
    values = {name: getattr(space, name) for name in fields}
    return {name: value.name if isinstance(value, FieldFile) else value for name, value in values.items()}


def _check_manages(actor: User, space: Space, action: ModerationAction.Action) -> None:
    if not access.can_manage_space(actor, space):
        refuse(actor, action, target=space, space=space, message=gettext("Only the space's owners and staff edit it."))


def create_space(
    actor: User,
    *,
    name: str,
    slug: str,
    visibility: Space.Visibility,
    description: str = "",
    allowed_email_domains: list[str] | None = None,
    premoderate_first_posts: int = 0,
    logo=None,
    accent_colour: str = "",
) -> Space:
    """Open a new space (staff). It has no members yet: add its owners next."""
    if not access.can_create_space(actor):
        refuse(actor, Action.CREATE, message=gettext("Only staff create spaces."))
    space = Space(
        name=name,
        slug=slug,
        visibility=visibility,
        description=description,
        allowed_email_domains=allowed_email_domains or [],
        premoderate_first_posts=premoderate_first_posts,
        logo=logo or "",
        accent_colour=accent_colour,
    )
    with transaction.atomic():
        space.full_clean()
        space.save()
        record_action(actor, Action.CREATE, target=space, space=space, after=_snapshot(space, EDITABLE_FIELDS))
    return space


def update_space(actor: User, space: Space, **fields) -> Space:
    """Change what `fields` name among EDITABLE_FIELDS. A new visibility or domain list re-counts the
    members' segments and ends the memberships an e-mail domain no longer opens."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            gettext("These cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    _check_manages(actor, space, Action.EDIT)
    with transaction.atomic():
        current = Space.objects.select_for_update().get(pk=space.pk)
        before = _snapshot(current, fields)
        for name, value in fields.items():
            setattr(current, name, value)
        current.full_clean()
        current.save(update_fields=list(fields))
        after = _snapshot(current, fields)
        changed = [name for name in fields if before[name] != after[name]]
        if changed:
            record_action(
                actor,
                Action.EDIT,
                target=current,
                space=current,
                before={name: before[name] for name in changed},
                after={name: after[name] for name in changed},
            )
        if SEGMENT_FIELDS.intersection(changed):
            _recount_members(current)
    return current


def _recount_members(space: Space) -> None:
    """One pass over the members: a rare act of an owner or staff, not a request path."""
    for user in User.objects.filter(memberships__space=space):
        drop_domain_memberships(user)


def delete_space(actor: User, space: Space) -> None:
    """Delete an empty space: its members are taken out first, as removing each would; a space that
    still holds ideas or campaigns is refused (move them first)."""
    _check_manages(actor, space, Action.DELETE)
    members = list(User.objects.filter(memberships__space=space))
    try:
        with transaction.atomic():
            record_action(actor, Action.DELETE, target=space, space=space, before=_snapshot(space, EDITABLE_FIELDS))
            end_memberships(actor, Membership.objects.filter(space=space))
            space.delete()
            for user in members:
                refresh_segment(user)
    except ProtectedError as error:
        raise ValidationError(
            gettext("This space still holds ideas or campaigns; move them to another space first."),
            code="not_empty",
        ) from error
