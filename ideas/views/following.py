"""Following an idea, or no longer."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ideas import selectors, services
from ideas.forms import FollowForm
from ideas.views._responses import PAGE, cleaned, done, refused, status_of


@login_required
@require_POST
def follow(request, pk):
    idea = selectors.idea_for(request.user, pk)
    partial = f"{PAGE}#follow_button"
    try:
        if cleaned(FollowForm(request.POST))["action"] == FollowForm.UNFOLLOW:
            services.unfollow_idea(request.user, idea)
            notice = _("You no longer follow this idea.")
        else:
            services.follow_idea(request.user, idea)
            notice = _("You follow this idea: you will hear about its progress.")
    except (PermissionDenied, ValidationError) as refusal:
        return refused(request, idea, refusal, status=status_of(refusal), partial=partial)
    return done(request, pk, notice=notice, partial=partial)
