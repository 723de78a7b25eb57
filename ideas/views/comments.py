"""Commenting on an idea, replying, and editing or deleting one's comment."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.ratelimits import within_rate_limit
from ideas import selectors, services
from ideas.forms import CommentEditForm, CommentForm
from ideas.views._responses import PAGE, cleaned, done, message_of, refused, status_of


def _draft(kind: str, target, body: str, errors: str, *, official: bool = False) -> dict:
    """A comment form's input to show again: `kind` comment, reply (to `target`) or edit (of `target`)."""
    target = int(target) if str(target or "").isdigit() else None
    return {"kind": kind, "target": target, "body": body, "error": errors, "official": official}


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
