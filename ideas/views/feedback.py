""" "Did this solve it?": the author and voters of a shipped idea answer on its page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.ratelimits import within_rate_limit
from ideas import selectors, services
from ideas.forms import SolutionFeedbackForm
from ideas.services.feedback import FEEDBACK_ANCHOR
from ideas.views._responses import cleaned, done, refused, status_of


@login_required
@require_POST
def give_feedback(request, pk):
    idea = selectors.idea_for(request.user, pk)
    try:
        data = cleaned(SolutionFeedbackForm(request.POST))
        with within_rate_limit(request, "comment"):
            services.give_feedback(request.user, idea, answer=data["answer"], comment=data["comment"])
    except (PermissionDenied, ValidationError) as refusal:
        draft = {"answer": request.POST.get("answer", ""), "comment": request.POST.get("comment", "")}
        return refused(request, idea, refusal, status=status_of(refusal), partial=None, feedback_draft=draft)
    return done(request, pk, notice=_("Thank you: your answer is recorded."), partial=None, anchor=FEEDBACK_ANCHOR)
