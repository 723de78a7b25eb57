"""Reads of the "did this solve it?" answers: the tally for everyone, the comments for moderators."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from community import access
from community.models import User
from ideas.models import Idea, SolutionFeedback


def ideas_due_for_feedback() -> QuerySet[Idea]:
    """Shipped ideas whose author and voters are to be asked now (by `ask_if_solved`): shipped at least
    SOLUTION_FEEDBACK_AFTER_DAYS ago and not asked since. No viewer: each recipient is checked."""
    shipped_before = timezone.now() - timedelta(days=settings.SOLUTION_FEEDBACK_AFTER_DAYS)
    return Idea.objects.filter(
        status=Idea.Status.SHIPPED, merged_into=None, feedback_requested_at=None, shipped_at__lte=shipped_before
    ).select_related("space")


@dataclass(frozen=True)
class FeedbackPanel:
    """What the idea page shows about a shipped idea's answers, for one viewer."""

    yes: int
    partly: int
    no: int
    can_answer: bool
    own: SolutionFeedback | None
    comments: list[SolutionFeedback]

    @property
    def total(self) -> int:
        return self.yes + self.partly + self.no

    @property
    def answer_choices(self) -> list[tuple[str, str]]:
        return SolutionFeedback.Answer.choices


def feedback_panel_for(viewer: User, idea: Idea) -> FeedbackPanel | None:
    """None unless `idea` shipped; otherwise the tally, the viewer's own answer if they may give one,
    and the comments if they moderate its space. At most four queries, however many answered."""
    if idea.status != Idea.Status.SHIPPED:
        return None
    answers = SolutionFeedback.objects.filter(idea=idea)
    tally = answers.aggregate(
        **{answer: Count("pk", filter=Q(answer=answer)) for answer in SolutionFeedback.Answer.values}
    )
    can_answer = access.can_tell_if_solved(viewer, idea, voted=bool(getattr(idea, "has_voted", False)))
    own = answers.filter(user_id=viewer.pk).first() if can_answer else None
    comments = []
    if access.can_moderate(viewer, idea.space):
        comments = list(answers.exclude(comment="").select_related("user__profile").order_by("-updated_at", "-pk"))
    return FeedbackPanel(can_answer=can_answer, own=own, comments=comments, **tally)
