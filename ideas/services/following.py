"""Following an idea: hearing about its status changes and official responses."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from community import access
from community.models import User
from ideas.models import Follow, Idea
from ideas.services.common import require_contributor


@transaction.atomic
def follow_idea(user: User, idea: Idea) -> Follow:
    if not access.can_view(user, idea):
        raise PermissionDenied(_("You cannot follow this idea."))
    require_contributor(user, idea.space, _("You cannot follow this idea."))
    follow, _created = Follow.objects.get_or_create(idea=idea, user=user)
    return follow


@transaction.atomic
def unfollow_idea(user: User, idea: Idea) -> None:
    Follow.objects.filter(idea=idea, user=user).delete()


def unfollow_space(actor: User, space_id: int) -> int:
    """`actor` stops following every idea of a space they left; how many follows ended."""
    deleted, _by_model = Follow.objects.filter(user=actor, idea__space_id=space_id).delete()
    return deleted
