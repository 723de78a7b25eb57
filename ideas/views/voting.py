"""Voting for an idea from its page or from the similar ideas, and withdrawing the vote."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.ratelimits import within_rate_limit
from ideas import selectors, services
from ideas.forms import VoteForm
from ideas.views._responses import PAGE, cleaned, done, refused, status_of

# The pieces htmx may ask a vote to answer with, by where the vote button was shown.
VOTE_PARTIALS = {"detail": f"{PAGE}#vote_panel", "similar": "ideas/similar_ideas.html#vote_for_this"}


@login_required
@require_POST
def vote(request, pk):
    idea = selectors.idea_for(request.user, pk)
    partial = VOTE_PARTIALS.get(request.POST.get("shown_in"), VOTE_PARTIALS["detail"])
    try:
        data = cleaned(VoteForm(request.POST))
        with within_rate_limit(request, "vote"):
            if data["action"] == VoteForm.RETRACT:
                services.retract_vote(request.user, idea)
                notice = _("Your vote is withdrawn.")
            else:
                services.cast_vote(request.user, idea, importance=data["importance"] or None)
                notice = _("Your vote is counted.")
    except (PermissionDenied, ValidationError) as refusal:
        return refused(request, idea, refusal, status=status_of(refusal), partial=partial)
    return done(request, pk, notice=notice, partial=partial, anchor="#vote")
