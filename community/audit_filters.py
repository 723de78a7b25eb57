"""The filters above the moderation log (its page, its CSV export and its back-office view)."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from community import access
from community.models import ModerationAction


def _spaces(request):
    return access.moderated_spaces(request.user).order_by("name")


def _target_types(request):
    return ContentType.objects.filter(pk__in=ModerationAction.objects.values("target_type")).order_by("model")


def _person(field: str):
    """Match a person by username or display name."""

    def method(queryset, name, value):
        return queryset.filter(
            Q(**{f"{field}__username__iexact": value}) | Q(**{f"{field}__profile__display_name__icontains": value})
        )

    return method


class ModerationLogFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=ModerationAction.Action.choices)
    space = django_filters.ModelChoiceFilter(label=_("Space"), queryset=_spaces)
    actor = django_filters.CharFilter(label=_("Moderator"), method=_person("actor"))
    subject = django_filters.CharFilter(label=_("Person acted upon"), method=_person("subject"))
    target_type = django_filters.ModelChoiceFilter(label=_("Kind of object"), queryset=_target_types)
    date_from = django_filters.DateFilter(label=_("From"), field_name="created_at", lookup_expr="date__gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="created_at", lookup_expr="date__lte")
    q = django_filters.CharFilter(label=_("Search the object and the reason"), method="search")

    class Meta:
        model = ModerationAction
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(target_label__icontains=value) | Q(reason__icontains=value))
