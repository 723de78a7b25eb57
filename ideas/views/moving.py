"""A moderator moves an idea to another space."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ideas import selectors, services
from ideas.forms import MoveIdeaForm
from ideas.views._responses import cleaned, done, refused, status_of


@login_required
@require_POST
def move(request, pk):
    """Move the idea to another space; the service decides who may (moderators of both)."""
    idea = selectors.idea_for(request.user, pk)
    form = MoveIdeaForm(request.POST, spaces=selectors.spaces_for(request.user))
    try:
        data = cleaned(form)
        services.move_idea(request.user, idea, data["to_space"], carry_comments=data["carry_comments"])
    except (PermissionDenied, ValidationError) as refusal:
        return refused(request, idea, refusal, status=status_of(refusal), partial=None)
    notice = _("The idea is now in %(space)s.") % {"space": data["to_space"].name}
    return done(request, pk, notice=notice, partial=None)
