"""An idea's page. What people do on it (vote, follow, comment, change its status, move it)
is in the views of each subject; each is a POST form that works without JavaScript (it
redirects back to the page) and, with htmx, answers with the piece of the page it changed.
A refusal by a service is shown with the text the person typed kept: 403 when they may not,
400 when the input is wrong (ideas/views/_responses.py)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ideas import selectors
from ideas.views._responses import PAGE, page_context


@require_GET
def idea_detail(request, pk):
    idea = selectors.idea_for(request.user, pk)
    return render(request, PAGE, page_context(request, idea))
