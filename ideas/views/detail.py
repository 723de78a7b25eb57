"""An idea's page and what people do on it: vote, follow, comment, change its status.

Each action is a POST form that works without JavaScript (it redirects back to the page);
with htmx it answers with the piece of the page it changed. A refusal by a service is
shown with the text the person typed kept: 403 when they may not, 400 when the input is wrong.
"""

from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import access, conduct_selectors
from community.ratelimits import within_rate_limit
from ideas import feedback_selectors, legal_selectors, selectors, services
from ideas.forms import CommentEditForm, CommentForm, FollowForm, MoveIdeaForm, StatusForm, VoteForm
from ideas.models import Idea, Vote
from ideas.views.htmx import is_htmx

PAGE = "ideas/idea_detail.html"
# The pieces htmx may ask a vote to answer with, by where the vote button was shown.
VOTE_PARTIALS = {"detail": f"{PAGE}#vote_panel", "similar": "ideas/similar_ideas.html#vote_for_this"}


def _message_of(refusal) -> str:
    """One readable sentence from a ValidationError or PermissionDenied."""
    return " ".join(str(message) for message in getattr(refusal, "messages", None) or [str(refusal)])


def _context(request, idea: Idea, **extra) -> dict:
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
        "user_vote": selectors.vote_of(viewer, idea) if getattr(idea, "has_voted", False) else None,
        "importance_choices": Vote.Importance.choices,
        "edit_since": timezone.now() - services.COMMENT_EDIT_WINDOW,
        "status_form": StatusForm(initial={"status": idea.status}),
        "move_spaces": selectors.move_destinations_for(viewer, idea),
        "merge_target": selectors.merge_target_for(viewer, idea),
        "merged_ideas": selectors.merged_ideas_for(viewer, idea),
        "internal_notes": legal_selectors.internal_notes_for(viewer, idea),
        "can_hold": access.can_override_legal_hold(viewer),
        "can_delete": legal_selectors.can_delete_idea(viewer, idea),
        "draft": None,
        "notice": "",
        "error": "",
    }
    context["can_comment"] = context["can_contribute"] and (context["can_moderate"] or not idea.comments_locked)
    # Asked once for the idea and all its comments, and only when the page shows a Report link.
    context["can_report"] = cache(lambda: access.can_report(viewer, idea))
    # The "did this solve it?" answers of a shipped idea, asked only when the page shows them.
    context["solution_feedback"] = cache(lambda: feedback_selectors.feedback_panel_for(viewer, idea))
    # Why a signed-in person may not take part, asked only when the page says so.
    context["suspension_notice"] = cache(lambda: conduct_selectors.suspension_notice_for(viewer, idea.space))
    context.update(extra)
    return context


def _done(request, pk: int, *, notice: str, partial: str | None, anchor: str = ""):
    """After a successful action: the fresh piece for htmx, or a redirect back to the page."""
    if partial and is_htmx(request):
        idea = selectors.idea_for(request.user, pk)
        return render(request, partial, _context(request, idea, notice=notice))
    messages.success(request, notice)
    return redirect(reverse("ideas:detail", args=[pk]) + anchor)


def _refused(request, idea: Idea, error, *, status: int, partial: str | None, **extra):
    """The page (or piece) again, with the reason and whatever the person typed."""
    text = _message_of(error)
    if partial and is_htmx(request):
        return render(request, partial, _context(request, idea, error=text, **extra), status=status)
    messages.error(request, text)
    return render(request, PAGE, _context(request, idea, **extra), status=status)


def _draft(kind: str, target, body: str, errors: str, *, official: bool = False) -> dict:
    """A comment form's input to show again: `kind` comment, reply (to `target`) or edit (of `target`)."""
    target = int(target) if str(target or "").isdigit() else None
    return {"kind": kind, "target": target, "body": body, "error": errors, "official": official}


def _cleaned(form) -> dict:
    """The form's data, or ValidationError with its messages (so one `except` handles both)."""
    if not form.is_valid():
        raise ValidationError(" ".join(str(error) for errors in form.errors.values() for error in errors))
    return form.cleaned_data


def _status_of(refusal) -> int:
    """403 when the person may not do it, 400 when what they sent is wrong."""
    return 403 if isinstance(refusal, PermissionDenied) else 400


@require_GET
def idea_detail(request, pk):
    idea = selectors.idea_for(request.user, pk)
    return render(request, PAGE, _context(request, idea))


@login_required
@require_POST
def vote(request, pk):
    idea = selectors.idea_for(request.user, pk)
    partial = VOTE_PARTIALS.get(request.POST.get("shown_in"), VOTE_PARTIALS["detail"])
    try:
        data = _cleaned(VoteForm(request.POST))
        with within_rate_limit(request, "vote"):
            if data["action"] == VoteForm.RETRACT:
                services.retract_vote(request.user, idea)
                notice = _("Your vote is withdrawn.")
            else:
                services.cast_vote(request.user, idea, data["importance"] or None)
                notice = _("Your vote is counted.")
    except (PermissionDenied, ValidationError) as refusal:
        return _refused(request, idea, refusal, status=_status_of(refusal), partial=partial)
    return _done(request, pk, notice=notice, partial=partial, anchor="#vote")


@login_required
@require_POST
def follow(request, pk):
    idea = selectors.idea_for(request.user, pk)
    partial = f"{PAGE}#follow_button"
    try:
        if _cleaned(FollowForm(request.POST))["action"] == FollowForm.UNFOLLOW:
            services.unfollow_idea(request.user, idea)
            notice = _("You no longer follow this idea.")
        else:
            services.follow_idea(request.user, idea)
            notice = _("You follow this idea: you will hear about its progress.")
    except (PermissionDenied, ValidationError) as refusal:
        return _refused(request, idea, refusal, status=_status_of(refusal), partial=partial)
    return _done(request, pk, notice=notice, partial=partial)


@login_required
@require_POST
def add_comment(request, pk):
    idea = selectors.idea_for(request.user, pk)
    partial = f"{PAGE}#comments"
    try:
        data = _cleaned(CommentForm(request.POST, idea=idea))
        with within_rate_limit(request, "comment"):
            comment = services.add_comment(
                request.user, idea, data["body"], parent=data["parent"], official=data["official"]
            )
    except (PermissionDenied, ValidationError) as refusal:
        parent = request.POST.get("parent")
        draft = _draft(
            "reply" if parent else "comment",
            parent,
            request.POST.get("body", ""),
            _message_of(refusal),
            official=request.POST.get("official") == "on",
        )
        return _refused(request, idea, refusal, status=_status_of(refusal), partial=partial, draft=draft)
    return _done(request, pk, notice=_("Your comment is posted."), partial=partial, anchor=f"#comment-{comment.pk}")


@login_required
@require_POST
def edit_comment(request, pk):
    comment = selectors.comment_for(request.user, pk)
    partial = f"{PAGE}#comments"
    try:
        services.edit_comment(request.user, comment, _cleaned(CommentEditForm(request.POST))["body"])
    except (PermissionDenied, ValidationError) as refusal:
        draft = _draft("edit", comment.pk, request.POST.get("body", ""), _message_of(refusal))
        return _refused(request, comment.idea, refusal, status=_status_of(refusal), partial=partial, draft=draft)
    return _done(
        request, comment.idea.pk, notice=_("Your comment is updated."), partial=partial, anchor=f"#comment-{pk}"
    )


@login_required
@require_POST
def delete_comment(request, pk):
    comment = selectors.comment_for(request.user, pk)
    partial = f"{PAGE}#comments"
    try:
        services.delete_comment(request.user, comment)
    except PermissionDenied as refusal:
        return _refused(request, comment.idea, refusal, status=403, partial=partial)
    return _done(
        request, comment.idea.pk, notice=_("The comment is deleted."), partial=partial, anchor=f"#comment-{pk}"
    )


@login_required
@require_POST
def change_status(request, pk):
    idea = selectors.idea_for(request.user, pk)
    form = StatusForm(request.POST)
    try:
        data = _cleaned(form)
        change = services.change_status(request.user, idea, data["status"], data["message"])
    except (PermissionDenied, ValidationError) as refusal:
        return _refused(request, idea, refusal, status=_status_of(refusal), partial=None, status_form=form)
    status = Idea.Status(change.to_status).label
    notice = _("The status is now: %(status)s.") % {"status": status}
    return _done(request, pk, notice=notice, partial=None, anchor="#history")


@login_required
@require_POST
def move(request, pk):
    """Move the idea to another space; the service decides who may (moderators of both)."""
    idea = selectors.idea_for(request.user, pk)
    form = MoveIdeaForm(request.POST, spaces=selectors.spaces_for(request.user))
    try:
        data = _cleaned(form)
        services.move_idea(request.user, idea, data["to_space"], carry_comments=data["carry_comments"])
    except (PermissionDenied, ValidationError) as refusal:
        return _refused(request, idea, refusal, status=_status_of(refusal), partial=None)
    notice = _("The idea is now in %(space)s.") % {"space": data["to_space"].name}
    return _done(request, pk, notice=notice, partial=None)
