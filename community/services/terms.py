"""Submission terms: editors draft and publish versions; people accept them before they post."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from community import access
from community.models import (
    ModerationAction,
    Space,
    SubmissionTerms,
    TermsAcceptance,
    User,
)
from community.services import audit as audit_services
from community.validators import normalise_plain_text, validate_plain_text


def _require_terms_editor(actor: User) -> None:
    if not access.can_edit_terms(actor):
        raise PermissionDenied(gettext("Only staff and editors of the submission terms may change them."))


def _clean_terms(title: str, body: str) -> dict:
    title = normalise_plain_text(title)
    if not title:
        raise ValidationError({"title": gettext("Give the terms a title.")})
    try:
        validate_plain_text(title)
    except ValidationError as error:
        raise ValidationError({"title": error.messages}) from error
    if not body.strip():
        raise ValidationError({"body": gettext("Write the terms.")})
    return {"title": title, "body": body}


def _unpublished(terms: SubmissionTerms) -> SubmissionTerms:
    """`terms`, locked and read afresh; ValidationError if they are published (a published version never changes)."""
    terms = SubmissionTerms.objects.select_for_update().get(pk=terms.pk)
    if terms.is_published:
        raise ValidationError(
            gettext("Version %(version)s is published and never changes: draft a new version instead.")
            % {"version": terms.version},
            code="published",
        )
    return terms


@transaction.atomic
def draft_terms(actor: User, *, space: Space | None, title: str, body: str) -> SubmissionTerms:
    """Start the next version of the site's terms (no `space`) or of a space's own: a draft, which
    nobody is asked to accept until it is published. One draft at a time per space (its version is 0
    until `publish_terms` numbers it)."""
    _require_terms_editor(actor)
    fields = _clean_terms(title, body)
    already = ValidationError(gettext("These terms already have a draft: edit or publish it first."), code="draft")
    if SubmissionTerms.objects.filter(space=space, published_at=None).exists():
        raise already
    try:
        with transaction.atomic():
            return SubmissionTerms.objects.create(space=space, version=0, **fields)
    except IntegrityError as error:
        raise already from error  # drafted by someone else at the same moment


@transaction.atomic
def update_terms_draft(actor: User, terms: SubmissionTerms, *, title: str, body: str) -> SubmissionTerms:
    """Change a draft's title and text; a published version is refused."""
    _require_terms_editor(actor)
    fields = _clean_terms(title, body)
    terms = _unpublished(terms)
    for name, value in fields.items():
        setattr(terms, name, value)
    terms.save(update_fields=list(fields))
    return terms


@transaction.atomic
def discard_terms_draft(actor: User, terms: SubmissionTerms) -> None:
    """Throw a draft away; a published version stays for good (ideas name the version they were posted under)."""
    _require_terms_editor(actor)
    _unpublished(terms).delete()


def publish_terms(actor: User, terms: SubmissionTerms) -> SubmissionTerms:
    """Put a draft in force as the next version of its space's (or the site's) terms: from now on,
    everyone accepts it before their next idea. Logged; refused (and logged) for anyone but staff and
    the terms' editors."""
    if not access.can_edit_terms(actor):
        audit_services.refuse(
            actor,
            ModerationAction.Action.PUBLISH_TERMS,
            target=terms,
            space=terms.space,
            message=gettext("Only staff and editors of the submission terms may publish them."),
        )
    return _publish_terms(actor, terms)


@transaction.atomic
def _publish_terms(actor: User, terms: SubmissionTerms) -> SubmissionTerms:
    terms = _unpublished(terms)
    latest = SubmissionTerms.objects.filter(space_id=terms.space_id).aggregate(latest=Max("version"))["latest"]
    terms.version = (latest or 0) + 1
    terms.published_at = timezone.now()
    terms.published_by = actor
    terms.save(update_fields=["version", "published_at", "published_by"])
    audit_services.record_action(
        actor, ModerationAction.Action.PUBLISH_TERMS, target=terms, space=terms.space, after={"version": terms.version}
    )
    return terms


@transaction.atomic
def accept_terms(actor: User, terms: SubmissionTerms) -> TermsAcceptance:
    """Record that `user` accepted `terms`, a published version. Accepting again keeps the first time."""
    if not (actor.is_authenticated and actor.is_active):
        raise PermissionDenied(gettext("Sign in to accept the submission terms."))
    terms = SubmissionTerms.objects.filter(pk=terms.pk).select_related("space").first()
    if terms is None or not terms.is_published:
        raise ValidationError({"terms": gettext("These terms are not published; accept the current version.")})
    if terms.space is not None and not access.can_view(actor, terms.space):
        raise PermissionDenied(gettext("You cannot accept the terms of a space you cannot see."))
    acceptance, _created = TermsAcceptance.objects.get_or_create(user=actor, terms=terms)
    return acceptance
