"""Reads of the submission terms: which versions are in force, and what a person still has to accept."""

from datetime import datetime

from django.db.models import Q, QuerySet

from community import access
from community.models import Space, SubmissionTerms, TermsAcceptance, User


def published_terms() -> QuerySet[SubmissionTerms]:
    return SubmissionTerms.objects.filter(published_at__isnull=False)


def current_terms(space: Space | None) -> tuple[SubmissionTerms | None, SubmissionTerms | None]:
    """The latest published version of the site's terms and of `space`'s own, each None when there is none.

    One query: the versions are few, and the newest of each comes first.
    """
    where = Q(space__isnull=True) | Q(space_id=space.pk) if space is not None else Q(space__isnull=True)
    latest = {}
    for terms in published_terms().filter(where).select_related("space").order_by("-version"):
        latest.setdefault(terms.space_id, terms)
    return latest.get(None), latest.get(space.pk) if space is not None else None


def acceptances_of(user: User, terms: list[SubmissionTerms]) -> dict[int, datetime]:
    """When `user` accepted each of `terms` they accepted, by terms id."""
    if not user.is_authenticated or not terms:
        return {}
    accepted = TermsAcceptance.objects.filter(user_id=user.pk, terms__in=terms)
    return dict(accepted.values_list("terms_id", "accepted_at"))


def terms_to_accept_for(user: User, space: Space | None) -> list[SubmissionTerms]:
    """The current versions (the site's, then `space`'s own) that `user` has not accepted yet."""
    current = [terms for terms in current_terms(space) if terms is not None]
    accepted = acceptances_of(user, current)
    return [terms for terms in current if terms.pk not in accepted]


def space_terms_for(viewer: User, slug: str) -> tuple[Space, SubmissionTerms | None] | None:
    """The space `slug` and its own current terms, if `viewer` may see the space; None otherwise."""
    space = access.visible_spaces(viewer).filter(slug=slug).first()
    if space is None:
        return None
    return space, current_terms(space)[1]
