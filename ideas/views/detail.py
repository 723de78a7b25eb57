"""An idea's page and what people do on it: vote, follow, comment, change its status.

Each action is a POST form that works without JavaScript (it redirects back to the page);
with htmx it answers with the piece of the page it changed. A refusal by a service is
shown with the text the person typed kept: 403 when they may not, 400 when the input is wrong.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community.ratelimits import within_rate_limit
from ideas import selectors, services
from ideas.forms import CommentEditForm, CommentForm, FollowForm, MoveIdeaForm, StatusForm, VoteForm
from ideas.models import Idea
from ideas.views._responses import PAGE, cleaned, done, message_of, page_context, refused, status_of

# The pieces htmx may ask a vote to answer with, by where the vote button was shown.
VOTE_PARTIALS = {"detail": f"{PAGE}#vote_panel", "similar": "ideas/similar_ideas.html#vote_for_this"}


def _draft(kind: str, target, body: str, errors: str, *, official: bool = False) -> dict:
    """A comment form's input to show again: `kind` comment, reply (to `target`) or edit (of `target`)."""
    target = int(target) if str(target or "").isdigit() else None
    return {"kind": kind, "target": target, "body": body, "error": errors, "official": official}


@require_GET
def idea_detail(request, pk):
    idea = selectors.idea_for(request.user, pk)
    return render(request, PAGE, page_context(request, idea))


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


@login_required
@require_POST
def add_comment(request, pk):
    idea = selectors.idea_for(request.user, pk)
    partial = f"{PAGE}#comments"
    try:
        data = cleaned(CommentForm(request.POST, idea=idea))
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
            message_of(refusal),
            official=request.POST.get("official") == "on",
        )
        return refused(request, idea, refusal, status=status_of(refusal), partial=partial, draft=draft)
    return done(request, pk, notice=_("Your comment is posted."), partial=partial, anchor=f"#comment-{comment.pk}")


@login_required
@require_POST
def edit_comment(request, pk):
    comment = selectors.comment_for(request.user, pk)
    partial = f"{PAGE}#comments"
    try:
        services.edit_comment(request.user, comment, cleaned(CommentEditForm(request.POST))["body"])
    except (PermissionDenied, ValidationError) as refusal:
        draft = _draft("edit", comment.pk, request.POST.get("body", ""), message_of(refusal))
        return refused(request, comment.idea, refusal, status=status_of(refusal), partial=partial, draft=draft)
    return done(
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
        return refused(request, comment.idea, refusal, status=403, partial=partial)
    return done(request, comment.idea.pk, notice=_("The comment is deleted."), partial=partial, anchor=f"#comment-{pk}")


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
