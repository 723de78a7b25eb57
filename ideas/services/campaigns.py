"""Campaigns: time-boxed calls for ideas, run by the moderators of their space (and staff).

A pilot starts small; when it works it is widened to another space, its ideas moving with it
(votes and history included); when it does not, it closes with its lessons written down.
Each act is in the moderation log.
"""

from datetime import datetime
from typing import NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from community import access
from community import services as community_services
from community.models import ModerationAction, Space, User
from community.validators import clean_text, normalise_plain_text, validate_plain_text
from ideas.models import PROBLEM_MAX_LENGTH, TITLE_MAX_LENGTH, Campaign, Idea
from ideas.selectors.site import accepts_ideas
from ideas.services.common import Conflict
from ideas.services.moving import move_idea

# What an editor may set on a campaign; its stage moves through the verbs below.
CAMPAIGN_FIELDS = (
    "space",
    "title",
    "slug",
    "question",
    "description",
    "starts_at",
    "ends_at",
    "participant_cap",
    "success_criteria",
)
EDITABLE_FIELDS = tuple(name for name in CAMPAIGN_FIELDS if name != "space")
LESSONS_MAX_LENGTH = PROBLEM_MAX_LENGTH


def _refuse(actor: User, campaign: Campaign, action: ModerationAction.Action, message: str) -> NoReturn:
    """Refuse `actor`; logged when they can see the campaign's space, as for ideas."""
    if access.can_view(actor, campaign.space):
        community_services.refuse(actor, action, target=campaign, space=campaign.space, message=message)
    raise PermissionDenied(message)


def _require_moderator(actor: User, campaign: Campaign, action: ModerationAction.Action, *spaces: Space) -> None:
    if not all(access.can_moderate(actor, space) for space in spaces):
        _refuse(actor, campaign, action, _("Only moderators of the campaign's spaces may run it."))


def _snapshot(campaign: Campaign, fields) -> dict:
    """The fields as JSON-ready values, for the log's before/after."""
    values = {}
    for name in fields:
        value = getattr(campaign, name)
        if isinstance(value, Space):
            value = value.slug
        elif isinstance(value, datetime):
            value = value.isoformat()
        values[name] = value
    return values


def _editable_values(campaign: Campaign) -> dict:
    return {name: getattr(campaign, name) for name in EDITABLE_FIELDS}


def _clean(data: dict) -> dict:
    """Check what an editor typed; raises ValidationError by field."""
    cleaned = dict(data)
    title = normalise_plain_text(cleaned.get("title") or "")
    if not 1 <= len(title) <= TITLE_MAX_LENGTH:
        raise ValidationError({"title": _("The title needs 1 to %(max)s characters.") % {"max": TITLE_MAX_LENGTH}})
    try:
        validate_plain_text(title)
    except ValidationError as error:
        raise ValidationError({"title": error.messages}) from error
    cleaned["title"] = title
    cleaned["question"] = clean_text(cleaned.get("question") or "", field="question", limit=1000, required=True)
    for field in ("description", "success_criteria"):
        cleaned[field] = clean_text(cleaned.get(field) or "", field=field, limit=PROBLEM_MAX_LENGTH)
    starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
    if starts_at is None or ends_at is None:
        raise ValidationError({"ends_at": _("Give the campaign an opening and a closing date.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The campaign must close after it opens.")})
    return cleaned


def create_campaign(actor: User, *, stage: str = Campaign.Stage.PILOT, **data) -> Campaign:
    """Start a campaign in `data["space"]`: by default as a pilot, to be widened when it works."""
    if data.get("space") is None:
        raise ValidationError({"space": _("Choose the space the campaign asks in.")})
    campaign = Campaign(stage=stage, **{name: data.get(name) for name in CAMPAIGN_FIELDS})
    _require_moderator(actor, campaign, ModerationAction.Action.EDIT, campaign.space)
    return _create_campaign(actor, campaign)


@transaction.atomic
def _create_campaign(actor: User, campaign: Campaign) -> Campaign:
    if campaign.stage not in Campaign.Stage.values:
        raise ValidationError({"stage": _("Unknown stage %(stage)s.") % {"stage": campaign.stage}})
    for name, value in _clean(_editable_values(campaign)).items():
        setattr(campaign, name, value)
    _check_slug(campaign)
    campaign.save()
    community_services.record_action(
        actor, ModerationAction.Action.EDIT, target=campaign, after=_snapshot(campaign, (*CAMPAIGN_FIELDS, "stage"))
    )
    return campaign


def update_campaign(actor: User, campaign: Campaign, **data) -> Campaign:
    """Change what an editor may set (not its space: widen it; not its stage: the verbs below)."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    _require_moderator(actor, campaign, ModerationAction.Action.EDIT, campaign.space)
    return _update_campaign(actor, campaign, data)


@transaction.atomic
def _update_campaign(actor: User, campaign: Campaign, data: dict) -> Campaign:
    current = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before = _snapshot(current, data)
    merged = {**_editable_values(current), **data}
    cleaned = _clean(merged)
    for name in data:
        setattr(campaign, name, cleaned[name])
    _check_slug(campaign)
    campaign.save(update_fields=[*data, "updated_at"])
    after = _snapshot(campaign, data)
    changed = [name for name in data if before[name] != after[name]]
    community_services.record_action(
        actor,
        ModerationAction.Action.EDIT,
        target=campaign,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
    )
    return campaign


def save_campaign(actor: User, campaign: Campaign | None, **data) -> Campaign:
    """What the back office's form calls: create when `campaign` is None, else update."""
    if campaign is None:
        return create_campaign(actor, **data)
    return update_campaign(actor, campaign, **data)


def _check_slug(campaign: Campaign) -> None:
    if not campaign.slug:
        raise ValidationError({"slug": _("Give the campaign a slug for its address.")})
    if Campaign.objects.filter(slug=campaign.slug).exclude(pk=campaign.pk).exists():
        raise ValidationError({"slug": _("Another campaign already uses this slug.")})


def set_campaign_stage(actor: User, campaign: Campaign, stage: str) -> Campaign:
    """Move a campaign to `stage` (pilot, open, review, closed)."""
    _require_moderator(actor, campaign, ModerationAction.Action.EDIT, campaign.space)
    return _set_stage(actor, campaign, stage)


@transaction.atomic
def _set_stage(actor: User, campaign: Campaign, stage: str, **fields) -> Campaign:
    if stage not in Campaign.Stage.values:
        raise ValidationError({"stage": _("Unknown stage %(stage)s.") % {"stage": stage}})
    current = Campaign.objects.select_for_update().get(pk=campaign.pk)
    changes = {"stage": stage, **fields}
    before = _snapshot(current, changes)
    for name, value in changes.items():
        setattr(campaign, name, value)
    campaign.save(update_fields=[*changes, "updated_at"])
    community_services.record_action(
        actor, ModerationAction.Action.EDIT, target=campaign, before=before, after=_snapshot(campaign, changes)
    )
    return campaign


def close_campaign(actor: User, campaign: Campaign, *, lessons: str) -> Campaign:
    """Close a campaign (a pilot that did not work, or one that ran its course) with its lessons
    written down; it stops taking ideas now if its end date was still ahead."""
    _require_moderator(actor, campaign, ModerationAction.Action.EDIT, campaign.space)
    lessons = clean_text(lessons, field="lessons", limit=LESSONS_MAX_LENGTH, required=True)
    fields = {"lessons": lessons}
    now = timezone.now()
    if campaign.starts_at < now < campaign.ends_at:
        fields["ends_at"] = now
    return _set_stage(actor, campaign, Campaign.Stage.CLOSED, **fields)


def widen_campaign(actor: User, campaign: Campaign, to_space: Space, *, carry_comments: bool = False) -> Campaign:
    """Take a campaign that worked (typically a pilot) to `to_space` (another space, or the public
    one) and open it there. Its ideas move along with their votes and status history (`move_idea`:
    comments stay behind unless `carry_comments`); ideas merged into another stay with the idea
    they were merged into. A moderator of both spaces, or staff, may do it."""
    _require_moderator(actor, campaign, ModerationAction.Action.MOVE, campaign.space, to_space)
    return _widen_campaign(actor, campaign, to_space, carry_comments=carry_comments)


@transaction.atomic
def _widen_campaign(actor: User, campaign: Campaign, to_space: Space, *, carry_comments: bool) -> Campaign:
    current = Campaign.objects.select_for_update().select_related("space").get(pk=campaign.pk)
    from_space = current.space
    if to_space.pk == from_space.pk:
        raise ValidationError({"to_space": _("The campaign is already in this space.")})
    if current.stage == Campaign.Stage.CLOSED:
        raise Conflict(_("A closed campaign cannot be widened; set it back to pilot first."))
    ideas = Idea.objects.filter(campaign=campaign, space=from_space).exclude(status=Idea.Status.DUPLICATE)
    moved = [move_idea(actor, idea, to_space, carry_comments=carry_comments) for idea in ideas.order_by("pk")]
    campaign.space, campaign.stage = to_space, Campaign.Stage.OPEN
    campaign.save(update_fields=["space", "stage", "updated_at"])
    community_services.record_action(
        actor,
        ModerationAction.Action.MOVE,
        target=campaign,
        space=from_space,
        before={"space": from_space.slug, "stage": current.stage},
        after={"space": to_space.slug, "stage": campaign.stage, "ideas": len(moved), "carry_comments": carry_comments},
    )
    return campaign


def check_campaign_open_to(campaign: Campaign, space: Space, author: User) -> None:
    """Whether `author` may post an idea to `campaign` in `space` now; ValidationError on `campaign`.

    Call it inside the submission's transaction: the campaign row is locked so that two people
    posting at once cannot both take the last place under a cap.
    """
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.space_id != space.pk:
        raise ValidationError({"campaign": _("This campaign asks for ideas in another space.")})
    if not accepts_ideas(campaign):
        if campaign.starts_at > timezone.now() and campaign.stage != Campaign.Stage.CLOSED:
            opens = formats.date_format(timezone.localtime(campaign.starts_at), "DATETIME_FORMAT")
            message = _("This campaign opens on %(date)s.") % {"date": opens}
        else:
            message = _("This campaign is closed: it no longer takes ideas.")
        raise ValidationError({"campaign": message})
    if campaign.participant_cap is None:
        return
    authors = Idea.objects.filter(campaign=campaign).exclude(author=None).values("author")
    if authors.filter(author=author).exists():
        return
    if authors.distinct().count() >= campaign.participant_cap:
        raise ValidationError(
            {"campaign": _("This campaign is full: it takes %(cap)s participants.") % {"cap": campaign.participant_cap}}
        )
