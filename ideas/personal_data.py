"""The ideas app's part of a person's data (`community.personal_data`): what they posted, voted for
and followed, for their download; and what becomes of it when they delete their account."""

from django.db.models import Count, F
from django.utils import timezone

from community import access, personal_data
from community.models import User
from community.services import forget_targets
from ideas.models import Comment, Follow, Idea, Vote
from ideas.services.legal import remove_ideas


def _readable_titles(user: User, idea_ids) -> dict[int, str]:
    """The titles of those ideas `user` may still see: the others' stay out of the download."""
    ideas = Idea.objects.filter(pk__in=set(idea_ids), space__in=access.visible_spaces(user)).exclude(
        pk__in=access.hidden_from(user, Idea).values("pk")
    )
    return dict(ideas.values_list("pk", "title"))


def _about(idea_id: int, titles: dict[int, str]) -> dict:
    return {"id": idea_id, "title": titles.get(idea_id)}


def export(user: User) -> dict:
    ideas = Idea.objects.filter(author_id=user.pk).select_related("space", "category", "site_terms", "space_terms")
    comments = Comment.objects.filter(author_id=user.pk, deleted_at=None).order_by("pk")
    votes = Vote.objects.filter(user_id=user.pk).order_by("pk")
    follows = Follow.objects.filter(user_id=user.pk).order_by("pk")
    referenced = [
        *comments.values_list("idea_id", flat=True),
        *votes.values_list("idea_id", flat=True),
        *follows.values_list("idea_id", flat=True),
    ]
    titles = _readable_titles(user, referenced)
    return {
        "ideas": [
            {
                "id": idea.pk,
                "space": idea.space.slug,
                "category": idea.category.name if idea.category else None,
                "title": idea.title,
                "problem": idea.problem,
                "body": idea.body,
                "status": idea.status,
                "hidden": idea.hidden,
                "created_at": idea.created_at,
                "site_terms_version": idea.site_terms.version if idea.site_terms else None,
                "space_terms_version": idea.space_terms.version if idea.space_terms else None,
                "terms_accepted_at": idea.terms_accepted_at,
            }
            for idea in ideas.order_by("pk")
        ],
        "comments": [
            {
                "id": comment.pk,
                "idea": _about(comment.idea_id, titles),
                "parent": comment.parent_id,
                "body": comment.body,
                "is_official": comment.is_official,
                "created_at": comment.created_at,
                "edited_at": comment.edited_at,
            }
            for comment in comments
        ],
        "votes": [
            {
                "idea": _about(vote.idea_id, titles),
                "importance": vote.importance,
                "segment": vote.segment,
                "recorded_for_you_by_a_moderator": vote.is_proxy,
                "created_at": vote.created_at,
            }
            for vote in votes
        ],
        "follows": [{"idea": _about(follow.idea_id, titles), "since": follow.created_at} for follow in follows],
    }


def erase(user: User, *, content: str) -> None:
    """Follows go; votes stay, cast by the anonymous tombstone the account becomes, so counts stay right.
    Ideas and comments lose their author ("anonymise"), or are taken down ("remove": comments become
    tombstones, ideas are deleted; what a legal hold keeps, an idea and its comments, is anonymised instead)."""
    Follow.objects.filter(user_id=user.pk).delete()
    if content == personal_data.REMOVE:
        remove_ideas(Idea.objects.filter(author_id=user.pk, legal_hold=False))
        _take_down_comments(Comment.objects.filter(author_id=user.pk, deleted_at=None).exclude(idea__legal_hold=True))
    Idea.objects.filter(author_id=user.pk).update(author=None)
    Comment.objects.filter(author_id=user.pk).update(author=None)


def _take_down_comments(comments) -> None:
    """Leave tombstones where `comments` were, so replies keep their place, and count them out."""
    counted = comments.filter(kept_in_space=None).values("idea_id").annotate(gone=Count("pk"))
    for row in counted:
        Idea.objects.filter(pk=row["idea_id"]).update(comment_count=F("comment_count") - row["gone"])
    forget_targets(Comment, comments.values_list("pk", flat=True))
    comments.update(body="", deleted_at=timezone.now())
