"""A moderator changes an idea's status, with the official response."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ideas import selectors, services
from ideas.forms import StatusForm
from ideas.models import Idea
from ideas.views._responses import cleaned, done, refused, status_of


@login_required
@require_POST
def change_status(request, pk):
    idea = selectors.idea_for(request.user, pk)
    form = StatusForm(request.POST)
    try:
        data = cleaned(form)
        change = services.change_status(request.user, idea, data["status"], data["message"])
    except (PermissionDenied, ValidationError) as refusal:
        return refused(request, idea, refusal, status=status_of(refusal), partial=None, status_form=form)
    status = Idea.Status(change.to_status).label
    notice = _("The status is now: %(status)s.") % {"status": status}
    return done(request, pk, notice=notice, partial=None, anchor="#history")
