"""What every action on an idea's page answers: the page (or the piece htmx asked for) with a
notice, or again with the reason for a refusal and whatever the person typed.

Shared by the views of ideas/views/ that act on an idea (detail, feedback, legal, merge, moderation).
"""

from functools import cache

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from community import access
from community import selectors as community_selectors
from ideas import selectors, services
from ideas.forms import StatusForm
from ideas.models import Idea, Vote
from ideas.views.htmx import is_htmx

PAGE = "ideas/idea_detail.html"


def message_of(refusal) -> str:
    """One readable sentence from a ValidationError or PermissionDenied."""
    return " ".join(str(message) for message in getattr(refusal, "messages", None) or [str(refusal)])


def page_context(request, idea: Idea, **extra) -> dict:
    """Everything the page shows; querysets stay lazy, so a partial only pays for what it renders."""
    viewer = request.user
    context = {
        "idea": idea,
        "history": selectors.status_history_for(idea),
        "comments": selectors.comments_for(viewer, idea),
        "images": idea.images.all(),
        "tags": idea.tags.order_by("name"),
        "tracker_links": selectors.tracker_links_for(idea),
        "can_contribute": access.can_contribute(viewer, idea.space),
        "can_moderate": access.can_moderate(viewer, idea.space),
        "user_vote": selectors.own_vote_for(viewer, idea) if getattr(idea, "has_voted", False) else None,
        "importance_choices": Vote.Importance.choices,
        "edit_since": timezone.now() - services.COMMENT_EDIT_WINDOW,
        "status_form": StatusForm(initial={"status": idea.status}),
        "move_spaces": selectors.move_destinations_for(viewer, idea),
        "merge_target": selectors.merge_target_for(viewer, idea),
        "merged_ideas": selectors.merged_ideas_for(viewer, idea),
        "internal_notes": selectors.internal_notes_for(viewer, idea),
        "can_hold": access.can_override_legal_hold(viewer),
        "can_delete": selectors.can_delete_idea(viewer, idea),
        "draft": None,
        "notice": "",
        "error": "",
    }
    context["can_comment"] = context["can_contribute"] and access.comments_open_to(
        viewer, idea, moderates=context["can_moderate"]
    )
    # Asked once for the idea and all its comments, and only when the page shows a Report link.
    context["can_report"] = cache(lambda: access.can_report(viewer, idea))
    # The "did this solve it?" answers of a shipped idea, asked only when the page shows them.
    context["solution_feedback"] = cache(lambda: selectors.feedback_panel_for(viewer, idea))
    # Why a signed-in person may not take part, asked only when the page says so.
    context["suspension_notice"] = cache(lambda: community_selectors.suspension_notice_for(viewer, idea.space))
    context.update(extra)
    return context


def done(request, pk: int, *, notice: str, partial: str | None, anchor: str = ""):
    """After a successful action: the fresh piece for htmx, or a redirect back to the page."""
    if partial and is_htmx(request):
        idea = selectors.idea_for(request.user, pk)
        return render(request, partial, page_context(request, idea, notice=notice))
    messages.success(request, notice)
    return redirect(reverse("ideas:detail", args=[pk]) + anchor)


def refused(request, idea: Idea, error, *, status: int, partial: str | None, **extra):
    """The page (or piece) again, with the reason and whatever the person typed."""
    text = message_of(error)
    if partial and is_htmx(request):
        return render(request, partial, page_context(request, idea, error=text, **extra), status=status)
    messages.error(request, text)
    return render(request, PAGE, page_context(request, idea, **extra), status=status)


def cleaned(form) -> dict:
    """The form's data, or ValidationError with its messages (so one `except` handles both)."""
    if not form.is_valid():
        raise ValidationError(" ".join(str(error) for errors in form.errors.values() for error in errors))
    return form.cleaned_data


def status_of(refusal) -> int:
    """403 when the person may not do it, 400 when what they sent is wrong."""
    return 403 if isinstance(refusal, PermissionDenied) else 400
