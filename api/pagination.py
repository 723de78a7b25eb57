"""Cursor pagination: stable while ideas are added, `page_size` up to 100."""

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
