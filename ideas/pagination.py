"""Pagination of idea lists whose total is counted once, not on every request.

The total ("19 ideas", the number of pages) costs a full COUNT over the list's query,
the dearest part of a list page on a large portal. It is kept for a few seconds under a
key made of that query's SQL and parameters: the viewer's visible spaces and filters are
part of the query, so two viewers who may see different ideas never share a total.
Only the total waits; the rows of the page, vote counts included, are always fresh.
A query that can match nothing (a search without words) has no SQL at all: its total is 0.
"""

from hashlib import sha256

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_SECONDS = 30


class CachedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        try:
            sql, params = self.object_list.query.sql_with_params()
        except EmptyResultSet:
            return 0
        key = "ideas:list-count:" + sha256(repr((sql, params)).encode()).hexdigest()
        return cache.get_or_set(key, lambda: Paginator.count.func(self), COUNT_SECONDS)
