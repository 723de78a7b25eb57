"""Following an idea: hearing about its status changes and official responses."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from community import access
from community.models import User
from ideas.models import Follow, Idea
from ideas.services.common import require_contributor


@transaction.atomic
def follow_idea(actor: User, idea: Idea) -> Follow:
    if not access.can_view(actor, idea):
        raise PermissionDenied(_("You cannot follow this idea."))
    require_contributor(actor, idea.space, _("You cannot follow this idea."))
    follow, _created = Follow.objects.get_or_create(idea=idea, user=actor)
    return follow


@transaction.atomic
def unfollow_idea(actor: User, idea: Idea) -> None:
    Follow.objects.filter(idea=idea, user=actor).delete()


def unfollow_space(actor: User, space_id: int) -> int:
    """`actor` stops following every idea of a space they left; how many follows ended."""
    deleted, _by_model = Follow.objects.filter(user=actor, idea__space_id=space_id).delete()
    return deleted
