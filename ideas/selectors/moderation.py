"""Reads for moderators: the queue of reported and held posts in the spaces they moderate.

The queue costs the same few queries whatever its length: the open reports in one, the
reported ideas and comments in one each, the held ideas and comments in one each.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from community import access
from community.models import Flag, Space, User
from ideas.models import Comment, HiddenReason, Idea


@dataclass
class QueueEntry:
    """One idea or comment that needs a moderator: its open reports, or its approval."""

    item: Idea | Comment
    space: Space
    last_at: datetime
    reports: list[Flag] = field(default_factory=list)

    @property
    def is_comment(self) -> bool:
        return isinstance(self.item, Comment)

    @property
    def idea(self) -> Idea:
        return self.item.idea if self.is_comment else self.item

    @property
    def kind(self) -> str:
        return "comment" if self.is_comment else "idea"

    @property
    def is_pending(self) -> bool:
        return self.item.hidden_reason == HiddenReason.PENDING

    @property
    def report_count(self) -> int:
        return len(self.reports)

    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        """(reason label, how many), the most frequent first."""
        counts = Counter(flag.get_reason_display() for flag in self.reports)
        return counts.most_common()

    @property
    def notes(self) -> list[Flag]:
        return [flag for flag in self.reports if flag.note]


def queue_spaces_for(viewer: User) -> QuerySet[Space]:
    """The spaces whose queue `viewer` may read (for the space filter)."""
    return access.moderated_spaces(viewer).order_by("name")


def open_report_count_for(viewer: User) -> int:
    """How many open reports await `viewer` in the spaces they moderate (for the dashboard)."""
    return Flag.objects.filter(resolved_at=None, space__in=access.moderated_spaces(viewer)).count()


def _reported_items(model, ids) -> dict[int, Idea | Comment]:
    if not ids:
        return {}
    if model is Idea:
        rows = Idea.objects.select_related("space", "author__profile")
    else:
        rows = Comment.objects.select_related("idea__space", "kept_in_space", "author__profile")
    return rows.in_bulk(ids)


def _held(model, spaces: QuerySet[Space]):
    rows = model.objects.filter(hidden=True, hidden_reason=HiddenReason.PENDING)
    if model is Idea:
        return rows.filter(space__in=spaces).select_related("space", "author__profile")
    in_spaces = rows.filter(kept_in_space=None, idea__space__in=spaces) | rows.filter(kept_in_space__in=spaces)
    return in_spaces.select_related("idea__space", "kept_in_space", "author__profile")


def space_of(item: Idea | Comment) -> Space:
    """Where `item` is moderated: an idea's space; for a comment that stayed behind when its idea
    moved, the space it stayed in."""
    if isinstance(item, Comment):
        return item.kept_in_space if item.kept_in_space_id else item.idea.space
    return item.space


def moderation_queue_for(viewer: User, *, space: Space | None = None) -> list[QueueEntry]:
    """What awaits `viewer` in the spaces they moderate (staff: all), or in `space` alone:
    items with open reports, grouped by item, and posts held for approval, newest first."""
    spaces = access.moderated_spaces(viewer)
    if space is not None:
        spaces = spaces.filter(pk=space.pk)
    flags = Flag.objects.filter(resolved_at=None, space__in=spaces).select_related("reporter__profile")
    types = ContentType.objects.get_for_models(Idea, Comment)
    by_target: dict[tuple[int, int], list[Flag]] = {}
    for flag in flags.order_by("-created_at", "-pk"):
        by_target.setdefault((flag.target_type_id, flag.target_id), []).append(flag)
    items = {
        model: _reported_items(model, [pk for type_id, pk in by_target if type_id == types[model].pk])
        for model in (Idea, Comment)
    }
    entries = {}
    for (type_id, pk), reports in by_target.items():
        model = Idea if type_id == types[Idea].pk else Comment
        item = items[model].get(pk)
        if item is not None:  # a report on something since deleted has nothing left to act on
            entries[model, pk] = QueueEntry(item, space_of(item), reports[0].created_at, reports)
    for model in (Idea, Comment):
        for item in _held(model, spaces):
            entries.setdefault((model, item.pk), QueueEntry(item, space_of(item), item.created_at))
    return sorted(entries.values(), key=lambda entry: (entry.last_at, entry.item.pk), reverse=True)
