"""Shipping: a release note names the ideas it delivers, and those who asked for them hear of it."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from community import access
from community.models import ModerationAction, User
from ideas.models import Idea
from ideas.services.common import lock_ideas, refuse_moderation
from ideas.services.statuses import change_status


def ship_ideas(actor: User, ideas: Iterable[Idea], *, message: str, url: str = "") -> list[Idea]:
    """Mark as shipped each of `ideas` not shipped yet (merged ones are skipped) and tell their
    followers and voters, once each: "You asked, we shipped: <message> <url>".

    `actor` must moderate every idea's space (staff do): an editor publishing a changelog entry
    ships nothing unless they may ship all of it. Returns the ideas shipped now.
    """
    pks = {idea.pk for idea in ideas}
    to_ship = list(
        Idea.objects.filter(pk__in=pks, merged_into=None)
        .exclude(status=Idea.Status.SHIPPED)
        .select_related("space")
        .order_by("pk")
    )
    for idea in to_ship:
        if not access.can_moderate(actor, idea.space):
            refuse_moderation(
                actor,
                idea,
                ModerationAction.Action.STATUS_CHANGE,
                _("Only moderators of this space may mark its ideas shipped."),
            )
    note = _("You asked, we shipped: %(message)s %(url)s") % {"message": message.strip(), "url": url.strip()}
    with transaction.atomic():
        # Re-read under lock: an idea shipped or merged meanwhile is skipped, not shipped twice.
        fresh = lock_ideas(*(idea.pk for idea in to_ship))
        shipped = [
            idea
            for idea in to_ship
            if fresh[idea.pk].status != Idea.Status.SHIPPED and not fresh[idea.pk].merged_into_id
        ]
        for idea in shipped:
            change_status(actor, idea, Idea.Status.SHIPPED, note.strip(), tell_voters=True)
    return shipped
