"""Moving an idea between spaces."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community import services as community_services
from community.models import ModerationAction, Space, User
from community.services import move_notifications
from ideas.models import Category, Comment, Follow, Idea
from ideas.services.common import Conflict, refuse_moderation
from ideas.signals import idea_updated


def move_idea(actor: User, idea: Idea, to_space: Space, *, carry_comments: bool = False) -> Idea:
    """Move `idea` to another space (e.g. from the internal space, where employees shaped it,
    to a public one), by a moderator of both. Votes and status history go with it.

    Comments stay behind in the old space (`kept_in_space`) unless `carry_comments`;
    comments that stayed behind in `to_space` on an earlier move travel again. Whoever
    cannot see `to_space` loses the idea at once: their follows go, and the notifications
    they had about it move to `to_space`, where the access rule hides them.
    """
    if not (access.can_moderate(actor, idea.space) and access.can_moderate(actor, to_space)):
        refuse_moderation(
            actor,
            idea,
            ModerationAction.Action.MOVE,
            _("Only moderators of both spaces may move an idea between them."),
        )
    return _move_idea(actor, idea, to_space, carry_comments=carry_comments)


@transaction.atomic
def _move_idea(actor: User, idea: Idea, to_space: Space, *, carry_comments: bool) -> Idea:
    from_space = idea.space
    if to_space.pk == from_space.pk:
        raise ValidationError({"to_space": _("The idea is already in this space.")})
    if Idea.objects.select_for_update().values_list("status", flat=True).get(pk=idea.pk) == Idea.Status.DUPLICATE:
        raise Conflict(_("A merged idea cannot move; move the idea it was merged into."))
    comments = Comment.objects.filter(idea=idea)
    if not carry_comments:
        comments.filter(kept_in_space=None).update(kept_in_space=from_space)
    comments.filter(kept_in_space=to_space).update(kept_in_space=None)
    category = idea.category and Category.objects.filter(space=to_space, slug=idea.category.slug).first()
    fields = {
        "space": to_space,
        "category": category,
        "comment_count": comments.filter(kept_in_space=None, deleted_at=None, hidden=False).count(),
        "updated_at": timezone.now(),
    }
    Idea.objects.filter(pk=idea.pk).update(**fields)
    for name, value in fields.items():
        setattr(idea, name, value)
    Follow.objects.filter(idea=idea).exclude(user__in=access.audience(to_space, User.objects.all())).delete()
    move_notifications(idea, to_space, from_space=from_space)
    community_services.record_action(
        actor,
        ModerationAction.Action.MOVE,
        target=idea,
        space=from_space,
        before={"space": from_space.slug},
        after={"space": to_space.slug, "carry_comments": carry_comments},
    )
    idea_updated.send(sender=Idea, actor=actor, idea=idea)
    return idea
