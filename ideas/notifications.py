"""Who hears what about an idea: followers of its status and official responses, and
the author of a comment that was answered. The access rule is applied to every
recipient (`access.audience_of`, and again by `community.services.notify`), so nobody
hears about an idea they can no longer see, private or hidden. A comment that stayed behind
when its idea moved (`kept_in_space`) is told of in the space it stayed in, so only people
who can see that space hear about it."""

from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from community import access
from community.models import Notification, User
from community.services import notify
from ideas.models import Comment, Follow, Idea, StatusChange, Vote

EXCERPT_WORDS = 40


def _followers(idea: Idea):
    return access.audience_of(idea, User.objects.filter(follows__idea=idea))


def notify_status_change(change: StatusChange, *, tell_voters: bool = False) -> None:
    """Followers hear of it; with `tell_voters` its voters too, each person once."""
    idea = change.idea
    status = Idea.Status(change.to_status).label
    summary = _("Status: %(status)s") % {"status": status}
    listeners = Q(pk__in=Follow.objects.filter(idea=idea).values("user_id"))
    if tell_voters:
        listeners |= Q(pk__in=Vote.objects.filter(idea=idea).values("user_id"))
    notify(
        access.audience_of(idea, User.objects.filter(listeners)),
        space=idea.space,
        kind=Notification.Kind.STATUS_CHANGE,
        target=idea,
        subject=idea.title,
        message=f"{summary}\n\n{change.message}".strip(),
        url=idea.get_absolute_url(),
        actor=change.actor,
    )


def _notify_about_comment(comment: Comment, recipients, kind: Notification.Kind) -> None:
    idea = comment.idea
    notify(
        recipients,
        space=comment.kept_in_space if comment.kept_in_space_id else idea.space,
        kind=kind,
        target=idea,
        subject=idea.title,
        message=Truncator(comment.body).words(EXCERPT_WORDS),
        url=f"{idea.get_absolute_url()}#comment-{comment.pk}",
        actor=comment.author,
    )


def notify_official_response(comment: Comment) -> None:
    _notify_about_comment(comment, _followers(comment.idea), Notification.Kind.OFFICIAL_RESPONSE)


def notify_reply(comment: Comment) -> None:
    parent_author = User.objects.filter(pk=comment.parent.author_id)
    _notify_about_comment(comment, access.audience_of(comment.idea, parent_author), Notification.Kind.REPLY)


def notify_merged(source: Idea, voter_ids, actor: User) -> None:
    """Tell the source's voters it was merged. The note points to the source's own page, which
    links on to the target only for those who may see it (the target may be in another space)."""
    notify(
        access.audience_of(source, User.objects.filter(pk__in=voter_ids)),
        space=source.space,
        kind=Notification.Kind.MERGED,
        target=source,
        subject=source.title,
        message=_("This idea was merged into another one that asks for the same; your vote counts there."),
        url=source.get_absolute_url(),
        actor=actor,
    )
