"""Comments and replies: posted, edited for a while, deleted to a tombstone."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community.models import User
from community.validators import clean_text
from ideas import trust
from ideas.models import COMMENT_MAX_LENGTH, Comment, Follow, HiddenReason, Idea
from ideas.notifications import notify_official_response
from ideas.services import moderation as moderation_services
from ideas.services.common import require_contributor

COMMENT_EDIT_WINDOW = timedelta(minutes=15)


@transaction.atomic
def add_comment(
    actor: User, idea: Idea, body: str, *, parent: Comment | None = None, official: bool = False
) -> Comment:
    """Comment on an idea, or reply to a comment (a reply to a reply joins its thread).

    An official comment speaks for the organisation: moderators of the space and staff only.
    """
    if not access.can_view(actor, idea):
        raise PermissionDenied(_("You cannot comment in this space."))
    require_contributor(actor, idea.space, _("You cannot comment in this space."))
    if official and not access.can_moderate(actor, idea.space):
        raise PermissionDenied(_("Only moderators may answer officially."))
    if not access.comments_open_to(actor, idea):
        raise PermissionDenied(_("Comments on this idea are locked."))
    if parent is not None:
        if parent.parent_id is not None:
            parent = parent.parent
        parent.refresh_from_db(fields=["kept_in_space"])  # where the thread is now, if its idea moved since
        if parent.idea_id != idea.pk or not access.can_read_comment(actor, parent):
            raise ValidationError({"parent": _("That comment belongs to another idea.")})
    body = clean_text(body, field="body", limit=COMMENT_MAX_LENGTH, required=True)
    trust.check_links(actor, {"body": body})
    lands_in = parent.kept_in_space if parent is not None and parent.kept_in_space_id else idea.space
    held = not official and moderation_services.needs_approval(actor, lands_in)
    comment = Comment.objects.create(
        idea=idea,
        author=actor,
        parent=parent,
        body=body,
        is_official=official,
        kept_in_space_id=parent.kept_in_space_id if parent is not None else None,
        hidden=held,
        hidden_reason=HiddenReason.PENDING if held else "",
    )
    counted = {"comment_count": F("comment_count") + 1} if comment.kept_in_space_id is None and not held else {}
    Idea.objects.filter(pk=idea.pk).update(**counted, updated_at=timezone.now())
    Follow.objects.get_or_create(idea=idea, user=actor)
    trust.refresh_trust_level(actor)
    if official:
        notify_official_response(comment)
    if not held:  # a held comment is announced when a moderator approves it
        moderation_services.announce_comment(comment)
    return comment


def _require_comment_author_or_moderator(user: User, comment: Comment, message: str) -> bool:
    """True if `user` acts as a moderator, False as the author; PermissionDenied otherwise."""
    if access.can_moderate(user, comment.idea.space):
        return True
    if comment.author_id == user.pk and access.can_contribute(user, comment.idea.space):
        return False
    raise PermissionDenied(message)


@transaction.atomic
def edit_comment(actor: User, comment: Comment, body: str) -> Comment:
    """Authors may correct their comment for 15 minutes; moderators at any time."""
    as_moderator = _require_comment_author_or_moderator(actor, comment, _("You cannot edit this comment."))
    if comment.is_deleted:
        raise ValidationError(_("A deleted comment cannot be edited."))
    if not as_moderator and timezone.now() - comment.created_at > COMMENT_EDIT_WINDOW:
        raise PermissionDenied(_("Comments can be edited for 15 minutes after posting."))
    comment.body = clean_text(body, field="body", limit=COMMENT_MAX_LENGTH, required=True)
    trust.check_links(actor, {"body": comment.body})
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    return comment


@transaction.atomic
def delete_comment(actor: User, comment: Comment) -> Comment:
    """Remove what a comment said, leaving a tombstone so replies keep their place."""
    _require_comment_author_or_moderator(actor, comment, _("You cannot delete this comment."))
    if comment.is_deleted:
        return comment
    comment.body = ""
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["body", "deleted_at"])
    if comment.kept_in_space_id is None and not comment.hidden:  # nor are those stayed behind or hidden
        Idea.objects.filter(pk=comment.idea_id).update(comment_count=F("comment_count") - 1)
    return comment
