"""The legal actions on an idea's page: internal notes, the legal hold, and deleting the idea."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideas import selectors, services
from ideas.forms.legal import DeleteIdeaForm, InternalNoteForm, LegalHoldForm
from ideas.views._responses import cleaned, done, message_of, refused, status_of


@login_required
@require_POST
def add_internal_note(request, pk):
    idea = selectors.idea_for(request.user, pk)
    try:
        services.add_internal_note(request.user, idea, cleaned(InternalNoteForm(request.POST))["body"])
    except (PermissionDenied, ValidationError) as refusal:
        return refused(request, idea, refusal, status=status_of(refusal), partial=None)
    return done(request, pk, notice=_("The internal note is saved."), partial=None, anchor="#internal-notes")


@login_required
@require_POST
def legal_hold(request, pk):
    """Place or release a legal hold (staff); the service refuses and logs anyone else."""
    idea = selectors.idea_for(request.user, pk)
    try:
        data = cleaned(LegalHoldForm(request.POST))
        if data["action"] == LegalHoldForm.PLACE:
            services.place_legal_hold(request.user, idea, reason=data["reason"])
            notice = _("The idea is under a legal hold: only staff may edit or delete it.")
        else:
            services.release_legal_hold(request.user, idea, reason=data["reason"])
            notice = _("The legal hold is released.")
    except (PermissionDenied, ValidationError) as refusal:
        return refused(request, idea, refusal, status=status_of(refusal), partial=None)
    return done(request, pk, notice=notice, partial=None, anchor="#legal")


@login_required
@require_http_methods(["GET", "POST"])
def delete_idea(request, pk):
    """Ask, then delete the idea for good; the service decides who may."""
    idea = selectors.idea_for(request.user, pk)
    form = DeleteIdeaForm(request.POST if request.method == "POST" else None)
    status = 400 if form.is_bound else 200
    if form.is_valid():
        try:
            services.delete_idea(request.user, idea, reason=form.cleaned_data["reason"])
        except (PermissionDenied, ValidationError) as refusal:
            status = status_of(refusal)
            form.add_error(None, message_of(refusal))
        else:
            messages.success(request, _("The idea “%(title)s” is deleted.") % {"title": idea.title})
            return redirect("ideas:space", slug=idea.space.slug)
    return render(request, "ideas/idea_confirm_delete.html", {"idea": idea, "form": form}, status=status)
