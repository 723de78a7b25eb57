""" "Did this solve it?": some days after an idea shipped, those who asked for it say whether the
change solved their problem. A mostly-no answer sends the idea back to review, so an idea is
followed through to the customer's satisfaction, not to the release.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community.models import Notification, User
from community.services import notify
from community.validators import clean_text, normalise_plain_text, validate_plain_text
from ideas.models import Idea, SolutionFeedback, Vote
from ideas.services.common import Conflict
from ideas.services.statuses import reopen_for_review

FEEDBACK_COMMENT_MAX_LENGTH = 2000
FEEDBACK_ANCHOR = "#solution-feedback"


def _askers(idea: Idea):
    """The author and the voters of `idea`, whoever of them can still see it."""
    voters = Vote.objects.filter(idea=idea).values("user_id")
    return access.audience_of(idea, User.objects.filter(Q(pk=idea.author_id) | Q(pk__in=voters)))


@transaction.atomic
def request_feedback(idea: Idea) -> int:
    """Ask the author and voters of the shipped `idea` whether it solved their problem, once per
    shipping (shipping again clears `feedback_requested_at`). Returns how many were asked."""
    asked = Idea.objects.filter(
        pk=idea.pk, status=Idea.Status.SHIPPED, merged_into=None, feedback_requested_at=None
    ).update(feedback_requested_at=timezone.now())
    if not asked:
        return 0
    notifications = notify(
        _askers(idea),
        space=idea.space,
        kind=Notification.Kind.FEEDBACK_REQUEST,
        target=idea,
        subject=idea.title,
        message=_("This idea shipped a while ago. Did it solve your problem? Answer yes, partly or no on its page."),
        url=idea.get_absolute_url() + FEEDBACK_ANCHOR,
    )
    return len(notifications)


def _clean_comment(comment: str) -> str:
    comment = normalise_plain_text(clean_text(comment, field="comment", limit=FEEDBACK_COMMENT_MAX_LENGTH))
    try:
        validate_plain_text(comment.replace("\n", ""))
    except ValidationError as error:
        raise ValidationError({"comment": error.messages}) from error
    return comment


def give_feedback(actor: User, idea: Idea, *, answer: str, comment: str = "") -> SolutionFeedback:
    """Record whether the shipped `idea` solved `user`'s problem (its author or a voter); a second
    answer replaces the first. When enough have answered and most say no, the idea is reopened."""
    voted = Vote.objects.filter(idea=idea, user_id=actor.pk).exists()
    if not access.can_tell_if_solved(actor, idea, voted=voted):
        raise PermissionDenied(
            _("Only the author and the voters of an idea are asked whether it solved their problem.")
        )
    return _give_feedback(actor, idea, answer, comment)


@transaction.atomic
def _give_feedback(user: User, idea: Idea, answer: str, comment: str) -> SolutionFeedback:
    if answer not in SolutionFeedback.Answer.values:
        raise ValidationError({"answer": _("Answer yes, partly or no.")})
    comment = _clean_comment(comment)
    status = Idea.objects.select_for_update().values_list("status", flat=True).get(pk=idea.pk)
    if status != Idea.Status.SHIPPED:
        raise Conflict(_("This idea is not shipped (any more): there is nothing to say about its solution yet."))
    feedback, _created = SolutionFeedback.objects.update_or_create(
        idea=idea, user=user, defaults={"answer": answer, "comment": comment}
    )
    _reopen_if_unsolved(idea)
    return feedback


def _reopen_if_unsolved(idea: Idea) -> None:
    counts = SolutionFeedback.objects.filter(idea=idea).aggregate(
        total=Count("pk"), no=Count("pk", filter=Q(answer=SolutionFeedback.Answer.NO))
    )
    if counts["total"] >= settings.SOLUTION_FEEDBACK_MIN_ANSWERS and counts["no"] * 2 > counts["total"]:
        reopen_for_review(
            idea,
            _("Most people who asked for this say the shipped change did not solve it; we are looking again."),
        )
