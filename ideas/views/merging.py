"""Merging a duplicate into another idea, and undoing it (moderators of both spaces, and staff).

Choosing the target on the idea's page leads to a confirmation page (GET, changes nothing) that
shows both ideas and what happens to the votes; confirming posts the same form. An idea the
viewer cannot see is 404; a person who may not merge gets 403 (the service logs the attempt);
a merge that cannot be done (into itself, an idea already merged) shows the page again with 400.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import access
from ideas import selectors, services
from ideas.forms import MergeForm, UnmergeForm
from ideas.models import Idea
from ideas.views._responses import cleaned, message_of, refused

PAGE = "ideas/merge_confirm.html"


def _target(viewer, form: MergeForm) -> Idea | None:
    """The idea the form names, if the viewer may see it; otherwise None, with the form saying why."""
    if not form.is_valid():
        return None
    number = form.cleaned_data["into"]
    try:
        return selectors.idea_for(viewer, number)
    except Http404:
        form.add_error("into", _("There is no idea #%(number)s that you can see.") % {"number": number})
        return None


def _page(request, source: Idea, form: MergeForm, *, target: Idea | None = None, status: int = 200):
    context = {
        "idea": source,
        "target": target,
        "form": form,
        "preview": selectors.merge_preview_for(source, target) if target is not None else None,
    }
    return render(request, PAGE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def merge(request, pk):
    source = selectors.idea_for(request.user, pk)
    if request.method == "GET" and not access.can_moderate(request.user, source.space):
        raise PermissionDenied(_("Only moderators may merge ideas."))
    form = MergeForm(request.POST if request.method == "POST" else request.GET or None)
    target = _target(request.user, form)
    if target is None:
        return _page(request, source, form, status=400 if form.is_bound else 200)
    if request.method == "GET":
        return _page(request, source, form, target=target)
    try:
        services.merge_ideas(request.user, source, target, reason=form.cleaned_data["reason"])
    except ValidationError as refusal:
        form.add_error(None, message_of(refusal))
        return _page(request, source, form, target=target, status=400)
    messages.success(request, _("#%(source)s is merged into this idea; its votes count here.") % {"source": source.pk})
    return redirect(target)


@login_required
@require_POST
def unmerge(request, pk):
    source = selectors.idea_for(request.user, pk)
    try:
        reason = cleaned(UnmergeForm(request.POST))["reason"]
        services.unmerge_ideas(request.user, source, reason=reason)
    except ValidationError as refusal:
        return refused(request, source, refusal, status=400, partial=None)
    messages.success(request, _("The merge is undone: this idea has its own votes again."))
    return redirect(source)
