"""Tracker links: the issues in R&D's trackers that carry an idea forward, and what their states say."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community.models import User
from community.validators import normalise_plain_text, validate_plain_text
from ideas.models import Idea, TrackerLink
from ideas.services.common import Conflict, require_moderator, touch
from ideas.services.statuses import DUPLICATE_ONLY_BY_MERGING, change_status
from ideas.signals import idea_updated

STATUS_PROGRESS = [
    Idea.Status.NEW,
    Idea.Status.UNDER_REVIEW,
    Idea.Status.PLANNED,
    Idea.Status.IN_PROGRESS,
    Idea.Status.SHIPPED,
    Idea.Status.DECLINED,
]
_url_validator = URLValidator(schemes=["http", "https"])


def _clean_link_field(value: str, *, field: str, limit: int, required: bool = True) -> str:
    value = normalise_plain_text(str(value))
    if required and not value:
        raise ValidationError({field: _("This field cannot be empty.")})
    if len(value) > limit:
        raise ValidationError({field: _("Keep it under %(limit)s characters.") % {"limit": limit}})
    try:
        validate_plain_text(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return value


def clean_status_mapping(mapping) -> dict[str, str]:
    if not isinstance(mapping, dict):
        raise ValidationError({"status_mapping": _("Map tracker states to idea statuses.")})
    allowed = set(STATUS_PROGRESS)
    for state, status in mapping.items():
        if status == Idea.Status.DUPLICATE:
            raise ValidationError({"status_mapping": f"{state}: {DUPLICATE_ONLY_BY_MERGING}"})
        if not isinstance(state, str) or not isinstance(status, str) or status not in allowed:
            raise ValidationError(
                {
                    "status_mapping": _("%(state)s maps to an unknown status %(status)s.")
                    % {"state": state, "status": status}
                }
            )
    return dict(mapping)


def idea_status_from_links(links) -> str | None:
    """The status the tracker links agree on, or None if they do not all say one.

    Links whose integration set no mapping have no say; if any other link's state maps to
    nothing, the idea stays where it is.
    """
    statuses = [link.mapped_status for link in links if link.status_mapping]
    if not statuses or None in statuses:
        return None
    return min(statuses, key=STATUS_PROGRESS.index)


@transaction.atomic
def link_tracker(
    actor: User, idea: Idea, *, tracker: str, key: str, url: str, state: str = "", status_mapping=None
) -> TrackerLink:
    """Record that an issue in an R&D tracker carries `idea` forward (moderators and staff)."""
    require_moderator(actor, idea, _("Only moderators of this space may link its ideas to trackers."))
    cleaned = {
        "tracker": _clean_link_field(tracker, field="tracker", limit=40),
        "key": _clean_link_field(key, field="key", limit=100),
        "state": _clean_link_field(state, field="state", limit=60, required=False),
        "status_mapping": clean_status_mapping(status_mapping or {}),
    }
    try:
        _url_validator(url)
    except ValidationError as error:
        raise ValidationError({"url": _("Give the issue's http or https address.")}) from error
    if len(url) > TrackerLink._meta.get_field("url").max_length:
        raise ValidationError({"url": _("Keep the address under 500 characters.")})
    duplicate = Conflict(_("This idea is already linked to %(tracker)s %(key)s.") % cleaned)
    if TrackerLink.objects.filter(idea=idea, tracker=cleaned["tracker"], key=cleaned["key"]).exists():
        raise duplicate
    try:
        with transaction.atomic():
            link = TrackerLink.objects.create(idea=idea, url=url, created_by=actor, **cleaned)
    except IntegrityError as error:
        raise duplicate from error  # linked by someone else at the same moment
    _follow_tracker_links(actor, idea, _link_news(link))
    return link


@transaction.atomic
def update_tracker_link(actor: User, link: TrackerLink, *, state: str, status_mapping=None) -> TrackerLink:
    """Take a tracker issue's new state; the idea moves if its links now agree on a status."""
    idea = link.idea
    require_moderator(actor, idea, _("Only moderators of this space may update its tracker links."))
    state = _clean_link_field(state, field="state", limit=60, required=False)
    mapping = link.status_mapping if status_mapping is None else clean_status_mapping(status_mapping)
    if (state, mapping) == (link.state, link.status_mapping):
        return link
    link.state, link.status_mapping = state, mapping
    link.save(update_fields=["state", "status_mapping", "updated_at"])
    _follow_tracker_links(actor, idea, _link_news(link))
    return link


@transaction.atomic
def unlink_tracker(actor: User, link: TrackerLink) -> None:
    """Remove a link; if it was the one holding the idea back, the others may now move it."""
    idea = link.idea
    require_moderator(actor, idea, _("Only moderators of this space may remove its tracker links."))
    link.delete()
    _follow_tracker_links(actor, idea, _("%(tracker)s %(key)s is no longer linked.") % vars(link))


def _link_news(link: TrackerLink) -> str:
    return _("%(tracker)s %(key)s is now %(state)s.") % {"tracker": link.tracker, "key": link.key, "state": link.state}


def _follow_tracker_links(actor: User, idea: Idea, news: str) -> None:
    """Move the idea to the status its links agree on (`news` says why), or else mark it updated."""
    status = idea_status_from_links(TrackerLink.objects.filter(idea=idea))
    current = Idea.objects.values_list("status", flat=True).get(pk=idea.pk)
    if status is not None and status != current and current != Idea.Status.DUPLICATE:
        change_status(actor, idea, status, news)
        return
    touch(idea)
    idea_updated.send(sender=Idea, actor=actor, idea=idea)
