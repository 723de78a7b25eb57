"""Query parameters of `GET /api/v1/ideas/`; a value that makes no sense is a 400, not a guess."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ideas.models import Idea
from ideas.search import search_ideas

# `ordering` values (part of the contract) and the database ordering each stands for;
# the last field makes the order total, which cursor pagination needs.
ORDERINGS = {
    "votes": ("vote_count", "pk"),
    "-votes": ("-vote_count", "-pk"),
    "created": ("created_at", "pk"),
    "-created": ("-created_at", "-pk"),
    "updated": ("updated_at", "pk"),
    "-updated": ("-updated_at", "-pk"),
    "trending": ("-trending_score", "-pk"),
}
DEFAULT_ORDERING = "-created"


def parse_ordering(value: str | None) -> tuple[str, ...]:
    value = value or DEFAULT_ORDERING
    if value not in ORDERINGS:
        raise ValidationError({"ordering": _("Order by one of: %(names)s.") % {"names": ", ".join(ORDERINGS)}})
    return ORDERINGS[value]


class StatusListFilter(django_filters.BaseCSVFilter, django_filters.CharFilter):
    def filter(self, queryset, value):
        if not value:
            return queryset
        unknown = [status for status in value if status not in Idea.Status.values]
        if unknown:
            raise ValidationError({"status": _("Unknown status: %(names)s.") % {"names": ", ".join(unknown)}})
        return queryset.filter(status__in=value)


class IdeaFilterSet(django_filters.FilterSet):
    status = StatusListFilter(help_text=_("Statuses, separated by commas: planned,in_progress."))
    space = django_filters.CharFilter(field_name="space__slug", help_text=_("A space's slug."))
    category = django_filters.CharFilter(field_name="category__slug", help_text=_("A category's slug."))
    min_votes = django_filters.NumberFilter(field_name="vote_count", lookup_expr="gte", min_value=0)
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    created_since = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    q = django_filters.CharFilter(method="search", help_text=_("Words to find, as the site's search."))

    class Meta:
        model = Idea
        fields = ["status", "space", "category", "min_votes", "updated_since", "created_since", "q"]

    def search(self, queryset, name, value):
        return search_ideas(queryset, value) if value.strip() else queryset
