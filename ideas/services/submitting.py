"""Sharing a new idea: checks, the submission terms, tags, images, and the author's own vote."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community.models import Space, User
from community.selectors.terms import acceptances_of, current_terms
from community.validators import clean_text, normalise_plain_text, validate_plain_text
from ideas import trust
from ideas.images import MAX_IMAGES_PER_IDEA, reencode_image
from ideas.models import (
    BODY_MAX_LENGTH,
    PROBLEM_MAX_LENGTH,
    Campaign,
    Category,
    HiddenReason,
    Idea,
    IdeaImage,
    trending_score,
)
from ideas.services import moderation as moderation_services
from ideas.services.campaigns import check_campaign_open_to
from ideas.services.common import clean_title, require_contributor
from ideas.services.voting import cast_vote
from ideas.signals import idea_created

MAX_TAGS = 5
TAG_MAX_LENGTH = 30


def _accepted_terms(author: User, space: Space) -> dict:
    """The submission terms in force in `space` and when `author` accepted them (the later of the two
    acceptances), as Idea fields; ValidationError on `terms` if they have not accepted them all."""
    site_terms, space_terms = current_terms(space)
    current = [terms for terms in (site_terms, space_terms) if terms is not None]
    if not current:
        return {}
    accepted = acceptances_of(author, current)
    if len(accepted) < len(current):
        raise ValidationError({"terms": _("Accept the submission terms first.")})
    return {"site_terms": site_terms, "space_terms": space_terms, "terms_accepted_at": max(accepted.values())}


@transaction.atomic
def submit_idea(
    actor: User,
    space: Space,
    title: str,
    body: str,
    category: Category | None = None,
    problem: str = "",
    *,
    images=(),
    tags=(),
    on_behalf_of: User | None = None,
    campaign: Campaign | None = None,
) -> Idea:
    """Post a new idea; its author votes for it and follows it.

    A moderator may post for a customer (`on_behalf_of`, e.g. an idea heard by support):
    the customer is its author, and their vote is a proxy vote.

    An idea answering a `campaign` must be in its space while it is open and, for a pilot
    with a cap, from one of its first participants.

    The author must have accepted the current submission terms (the site's, and the
    space's own if it has any); the idea keeps which versions and when. An idea posted on
    someone's behalf keeps none: that person accepted nothing.
    """
    if on_behalf_of is None:
        require_contributor(actor, space, _("You cannot post ideas in this space."))
    elif not access.can_moderate(actor, space):
        raise PermissionDenied(_("Only moderators may post an idea on someone's behalf."))
    elif not access.can_view(on_behalf_of, space):
        raise ValidationError({"on_behalf_of": _("This person cannot see this space.")})
    if category is not None and category.space_id != space.pk:
        raise ValidationError({"category": _("Choose a category of this space.")})
    if campaign is not None:
        check_campaign_open_to(campaign, space, on_behalf_of or actor)
    if len(images) > MAX_IMAGES_PER_IDEA:
        raise ValidationError({"images": _("Attach at most %(count)s images.") % {"count": MAX_IMAGES_PER_IDEA}})
    terms = _accepted_terms(actor, space) if on_behalf_of is None else {}
    cleaned = {
        "title": clean_title(title),
        "problem": clean_text(problem, field="problem", limit=PROBLEM_MAX_LENGTH),
        "body": clean_text(body, field="body", limit=BODY_MAX_LENGTH),
    }
    trust.check_links(actor, cleaned)
    clean_tags = _clean_tags(tags)
    clean_images = [reencode_image(upload) for upload in images]
    now = timezone.now()
    held = on_behalf_of is None and moderation_services.needs_approval(actor, space)
    idea = Idea.objects.create(
        space=space,
        category=category,
        author=on_behalf_of or actor,
        trending_score=trending_score(0, now),
        hidden=held,
        hidden_reason=HiddenReason.PENDING if held else "",
        campaign=campaign,
        **cleaned,
        **terms,
    )
    for content in clean_images:
        IdeaImage.objects.create(idea=idea, image=content)
    if clean_tags:
        idea.tags.set(clean_tags)
    cast_vote(actor, idea, on_behalf_of=on_behalf_of)
    trust.refresh_trust_level(idea.author)
    idea.refresh_from_db()
    if not held:  # a held idea is announced when a moderator approves it
        idea_created.send(sender=Idea, actor=actor, idea=idea)
    return idea


def _clean_tags(tags) -> list[str]:
    """At most MAX_TAGS short plain-text tags, lower-case, each once."""
    cleaned = []
    for tag in tags:
        tag = normalise_plain_text(str(tag)).lower()
        if not 1 <= len(tag) <= TAG_MAX_LENGTH:
            raise ValidationError({"tags": _("Each tag needs 1 to %(max)s characters.") % {"max": TAG_MAX_LENGTH}})
        try:
            validate_plain_text(tag)
        except ValidationError as error:
            raise ValidationError({"tags": error.messages}) from error
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(count)s tags.") % {"count": MAX_TAGS}})
    return cleaned
