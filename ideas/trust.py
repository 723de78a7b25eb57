"""Trust levels earned by taking part (new → member → trusted), and the link limit for new people.

A level follows from the account's age, the ideas and comments of the person that stand (not
hidden, not deleted), whether moderators hide anything of theirs (then at most member), a
recent warning (at most member) and a suspension in force (new). The thresholds are settings
(TRUST_*). The level is stored on the profile (`community.services.set_trust_level`), refreshed
when the person posts and nightly by `refresh_trust_levels`, and read through `access.trust_level`.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import ngettext

from community import access
from community.models import Profile, User
from community.selectors.conduct import with_conduct
from community.services import set_trust_level
from ideas.models import Comment, HiddenReason, Idea

# Hidden by a moderator's decision (or by reports, until one reviews it); held for approval is no mark.
MARKED_HIDDEN = [HiddenReason.MODERATOR, HiddenReason.REPORTS, HiddenReason.REJECTED]

_MARKDOWN_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.|\bmailto:)[^\s<>\"'\])]+", re.IGNORECASE)


def _count(model, **filters) -> Coalesce:
    rows = model.objects.filter(author=OuterRef("pk"), **filters).order_by().values("author")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)


def with_standing(users: QuerySet[User]) -> QuerySet[User]:
    """`users` with what their level follows from, in one query: `contributions`, `has_hidden`,
    `is_suspended`, `recently_warned` and the stored `stored_level`."""
    hidden = {"hidden": True, "hidden_reason__in": MARKED_HIDDEN}
    return with_conduct(users).annotate(
        contributions=_count(Idea, hidden=False) + _count(Comment, hidden=False, deleted_at=None),
        has_hidden=Exists(Idea.objects.filter(author=OuterRef("pk"), **hidden))
        | Exists(Comment.objects.filter(author=OuterRef("pk"), **hidden)),
        stored_level=Coalesce("profile__trust_level", Value(Profile.TrustLevel.NEW.value)),
    )


def level_of(user: User) -> Profile.TrustLevel:
    """The level `user`'s activity earns now; `user` must come from `with_standing`."""
    if not user.is_active or user.is_suspended:
        return Profile.TrustLevel.NEW
    age = timezone.now() - user.date_joined
    if (
        age >= timedelta(days=settings.TRUST_TRUSTED_DAYS)
        and user.contributions >= settings.TRUST_TRUSTED_CONTRIBUTIONS
        and not user.has_hidden
        and not user.recently_warned
    ):
        return Profile.TrustLevel.TRUSTED
    if age >= timedelta(days=settings.TRUST_MEMBER_DAYS) and user.contributions >= settings.TRUST_MEMBER_CONTRIBUTIONS:
        return Profile.TrustLevel.MEMBER
    return Profile.TrustLevel.NEW


def refresh_trust_level(user: User) -> Profile.TrustLevel:
    """Compute `user`'s level and store it if it changed."""
    standing = with_standing(User.objects.filter(pk=user.pk)).get()
    level = level_of(standing)
    if level != standing.stored_level:
        set_trust_level(user, level)
    return level


def count_links(text: str) -> int:
    """Links in Markdown `text`: [text](url) and images, <autolinks> and bare addresses."""
    markdown_links = len(_MARKDOWN_LINK.findall(text))
    return markdown_links + len(_URL.findall(_MARKDOWN_LINK.sub(" ", text)))


def check_links(author: User, fields: dict[str, str]) -> None:
    """New people may put at most NEW_USER_MAX_LINKS links in one post (all of `fields` together):
    a ValidationError on the field where the count goes over, otherwise nothing."""
    if access.trust_level(author) != Profile.TrustLevel.NEW:
        return
    limit = settings.NEW_USER_MAX_LINKS
    total = 0
    for field, text in fields.items():
        total += count_links(text)
        if total > limit:
            message = ngettext(
                "New members may include at most %(limit)d link in a post; this one has more. "
                "The limit goes once you have taken part for a while.",
                "New members may include at most %(limit)d links in a post; this one has more. "
                "The limit goes once you have taken part for a while.",
                limit,
            ) % {"limit": limit}
            raise ValidationError({field: message}, code="too_many_links")
