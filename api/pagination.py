"""Cursor pagination: stable while ideas are added, `page_size` up to 100."""

from django.core.exceptions import ValidationError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-created_at", "-pk")

    def get_ordering(self, request, queryset, view):
        """The view's own choice (from its `ordering` parameter) when it makes one."""
        chosen = getattr(view, "cursor_ordering", None)
        return chosen(request) if chosen else self.ordering

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """A cursor whose position is no value of the ordering field (`votes` at "abc") is as
        invalid as one that does not decode: a 404, not a database error."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
            try:
                field.to_python(cursor.position)
            except ValidationError:
                raise NotFound(self.invalid_cursor_message) from None
        return cursor
