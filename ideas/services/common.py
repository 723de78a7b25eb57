"""What the ideas services share: checks, cleaning of what people type, row locks, the Conflict error."""

from typing import NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community import services as community_services
from community.models import ModerationAction, Space, User
from community.selectors.conduct import suspension_notice_for
from community.validators import normalise_plain_text, validate_plain_text
from ideas.models import TITLE_MAX_LENGTH, TITLE_MIN_LENGTH, Idea


class Conflict(ValidationError):
    """The request clashes with what is already there (HTTP 409 in the API)."""


def require_contributor(user: User, space: Space, message: str) -> None:
    if not access.can_contribute(user, space):
        raise PermissionDenied(suspension_notice_for(user, space) or message)


def clean_title(title: str) -> str:
    title = normalise_plain_text(title)
    if not TITLE_MIN_LENGTH <= len(title) <= TITLE_MAX_LENGTH:
        raise ValidationError(
            {
                "title": _("The title needs %(min)s to %(max)s characters.")
                % {"min": TITLE_MIN_LENGTH, "max": TITLE_MAX_LENGTH}
            }
        )
    try:
        validate_plain_text(title)
    except ValidationError as error:
        raise ValidationError({"title": error.messages}) from error
    return title


def touch(idea: Idea) -> None:
    Idea.objects.filter(pk=idea.pk).update(updated_at=timezone.now())


def require_moderator(actor: User, idea: Idea, message: str) -> None:
    if not access.can_moderate(actor, idea.space):
        raise PermissionDenied(message)


def refuse_moderation(actor: User, idea: Idea, action: ModerationAction.Action, message: str) -> NoReturn:
    """Refuse a moderator's act on `idea`; logged (as REFUSED) when the actor can see the idea,
    so that a moderator trying their hand outside their spaces is on record."""
    if access.can_view(actor, idea):
        community_services.refuse(actor, action, target=idea, space=idea.space, message=message)
    raise PermissionDenied(message)


def lock_ideas(*pks: int) -> dict[int, Idea]:
    """Lock the ideas' rows, always in pk order, so that two merges (or a merge and a vote)
    wait for each other instead of deadlocking; returns the fresh rows by pk."""
    ideas = Idea.objects.select_for_update().filter(pk__in=sorted(set(pks))).order_by("pk")
    return {idea.pk: idea for idea in ideas}
