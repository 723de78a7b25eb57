"""Reporting a post, and the moderators' queue and actions.

Every action is a POST form that works without JavaScript and redirects back: to `next` when
it is a path on this site (the queue, the Wagtail admin's queue), else to the post. The
services decide who may act; a refusal is 403, or 404 when the viewer cannot even see the post.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import access
from community.ratelimits import within_rate_limit
from ideas import selectors
from ideas import services as ideas_services
from ideas.forms.moderation import ModeratorCommentEditForm, ModeratorIdeaEditForm, ReasonForm, ReportForm
from ideas.models import Comment, Idea

KINDS = {"ideas": Idea, "comments": Comment}


def _item(request, kind: str, pk: int) -> Idea | Comment:
    """The idea or comment as the viewer may see it, or Http404."""
    if kind not in KINDS:
        raise Http404("No such kind of post.")
    return selectors.idea_for(request.user, pk) if kind == "ideas" else selectors.comment_for(request.user, pk)


def _url_of(item: Idea | Comment) -> str:
    if isinstance(item, Comment):
        return f"{item.idea.get_absolute_url()}#comment-{item.pk}"
    return item.get_absolute_url()


def _back(request, item: Idea | Comment):
    """Where the form came from, if it is on this site; else the post itself."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(_url_of(item))


def message_of(refusal: ValidationError) -> str:
    return " ".join(str(message) for message in refusal.messages)


@login_required
def queue(request):
    spaces = selectors.queue_spaces_for(request.user)
    choices = list(spaces)
    if not choices:
        raise PermissionDenied(_("The moderation queue is for the moderators of a space."))
    chosen = next((space for space in choices if space.slug == request.GET.get("space")), None)
    entries = selectors.moderation_queue_for(request.user, space=chosen)
    context = {"entries": entries, "spaces": choices, "chosen": chosen, "here": request.get_full_path()}
    return render(request, "ideas/moderation/queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report(request, kind, pk):
    item = _item(request, kind, pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            with within_rate_limit(request, "report"):
                ideas_services.report_content(request.user, item, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error(None, message_of(refusal))
            status = 400
        else:
            messages.success(request, _("Thank you: the moderators will look at it."))
            return redirect(_url_of(item))
    elif request.method == "POST":
        status = 400
    context = {"form": form, "item": item, "idea": item.idea if kind == "comments" else item, "kind": kind}
    return render(request, "ideas/moderation/report.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, kind, pk):
    """A moderator's edit of a post, with a note everyone reads."""
    item = _item(request, kind, pk)
    form_class = ModeratorIdeaEditForm if kind == "ideas" else ModeratorCommentEditForm
    initial = {name: getattr(item, name) for name in form_class.base_fields if name != "note"}
    form = form_class(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            ideas_services.edit_content(request.user, item, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error(None, message_of(refusal))
            status = 400
        else:
            messages.success(request, _("The post is edited; your note shows under it."))
            return redirect(_url_of(item))
    elif request.method == "POST":
        status = 400
    elif not access.can_moderate(request.user, selectors.space_of(item)):
        raise PermissionDenied(_("Only moderators of this space may do this."))
    context = {"form": form, "item": item, "idea": item.idea if kind == "comments" else item, "kind": kind}
    return render(request, "ideas/moderation/edit.html", context, status=status)


def _dismiss(user, item, reason):
    ideas_services.dismiss_reports(user, item, reason=reason)
    return _("The reports are dismissed.")


def _hide(user, item, reason):
    ideas_services.hide_content(user, item, reason=reason)
    return _("It is hidden; its author sees why.")


def _restore(user, item, reason):
    ideas_services.restore_content(user, item, reason=reason)
    return _("It is visible again.")


def _approve(user, item, reason):
    ideas_services.approve_content(user, item)
    return _("It is approved and published.")


def _reject(user, item, reason):
    ideas_services.reject_content(user, item, reason=reason)
    return _("It is rejected; its author sees why.")


def _lock(user, idea, reason):
    ideas_services.lock_comments(user, idea, reason=reason)
    return _("Comments are locked.")


def _unlock(user, idea, reason):
    ideas_services.unlock_comments(user, idea, reason=reason)
    return _("Comments are open again.")


ACTIONS = {
    "dismiss": _dismiss,
    "hide": _hide,
    "restore": _restore,
    "approve": _approve,
    "reject": _reject,
    "lock": _lock,
    "unlock": _unlock,
}
IDEA_ONLY = {"lock", "unlock"}


@login_required
@require_POST
def moderate(request, kind, pk, action):
    if action not in ACTIONS or (action in IDEA_ONLY and kind != "ideas"):
        raise Http404("No such moderation action.")
    item = _item(request, kind, pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(" ".join(form.errors["reason"]))
        messages.success(request, ACTIONS[action](request.user, item, form.cleaned_data["reason"]))
    except ValidationError as refusal:
        messages.error(request, message_of(refusal))
    return _back(request, item)
