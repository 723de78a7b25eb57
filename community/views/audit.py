"""The moderation log on the site: moderators read their spaces' entries, staff read all and
download them as CSV. People who moderate nowhere are told there is no such page (404)."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from community import access, selectors
from community.audit_filters import ModerationLogFilter
from community.csv_export import csv_response

ENTRIES_PER_PAGE = 50
CSV_HEADER = [
    "created_at",
    "action",
    "actor",
    "space",
    "target_type",
    "target_id",
    "target",
    "subject",
    "reason",
    "before",
    "after",
]


def _filtered(request) -> ModerationLogFilter:
    if not access.can_read_moderation_log(request.user):
        raise Http404("No page matches the given query.")
    return ModerationLogFilter(request.GET, queryset=selectors.moderation_log_for(request.user), request=request)


@login_required
@require_GET
def moderation_log(request):
    filters = _filtered(request)
    page = Paginator(filters.qs, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"filter": filters, "page_obj": page, "can_export": access.can_export_moderation_log(request.user)}
    return render(request, "community/moderation_log.html", context)


def _name(user) -> str:
    return user.display_name if user is not None else ""


def _row(entry) -> list:
    return [
        entry.created_at.isoformat(),
        entry.action,
        _name(entry.actor),
        entry.space_name,
        entry.target_type.model if entry.target_type else "",
        entry.target_id or "",
        entry.target_label,
        _name(entry.subject),
        entry.reason,
        json.dumps(entry.before, sort_keys=True),
        json.dumps(entry.after, sort_keys=True),
    ]


@login_required
@require_GET
def moderation_log_csv(request):
    """The filtered entries as CSV, for staff."""
    filters = _filtered(request)
    if not access.can_export_moderation_log(request.user):
        raise PermissionDenied(_("Only staff may export the moderation log."))
    rows = (_row(entry) for entry in filters.qs.iterator(chunk_size=500))
    return csv_response(f"moderation-log-{timezone.localdate():%Y-%m-%d}.csv", CSV_HEADER, rows)
