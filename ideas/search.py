"""Full-text search of ideas in the database: SQLite FTS5, or PostgreSQL full-text search.

Callers pass a queryset that is already filtered for the viewer (a selector's), so the
access rule is part of the search query itself, never applied to results afterwards.
Input is reduced to words before it reaches a query language, so nothing a person
types can change the query's meaning.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from ideas.models import Idea

MAX_WORDS = 12
# Letters and digits: "_" belongs to \w but both tokenizers split words on it.
WORD = re.compile(r"[^\W_]+")
# Words too common to say two ideas are alike.
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "how", "i", "in",
    "is", "it", "its", "more", "of", "on", "or", "our", "should", "so", "that", "the", "their", "there",
    "this", "to", "too", "us", "was", "we", "what", "when", "which", "will", "with", "would", "you", "your",
})  # fmt: skip
# Fixed SQL: the words travel as a parameter.
FTS_MATCHING_IDS = "SELECT rowid FROM ideas_idea_fts WHERE ideas_idea_fts MATCH %s"
FTS_RANK = (
    "SELECT bm25(ideas_idea_fts, 10.0, 2.0, 1.0) FROM ideas_idea_fts "
    "WHERE ideas_idea_fts MATCH %s AND ideas_idea_fts.rowid = ideas_idea.id"
)


def words_of(text: str) -> list[str]:
    return WORD.findall(text.lower())[:MAX_WORDS]


def search_ideas(ideas: QuerySet[Idea], text: str, *, any_word: bool = False) -> QuerySet[Idea]:
    """`ideas` that match `text`, best first: all of its words, or (`any_word`) any of them."""
    words = words_of(text)
    if any_word:
        words = [word for word in words if word not in STOP_WORDS and len(word) > 2]
    if not words:
        return ideas.none()
    if connection.vendor == "postgresql":
        return _postgres_search(ideas, words, any_word=any_word)
    return _sqlite_search(ideas, words, any_word=any_word)


def _sqlite_search(ideas: QuerySet[Idea], words: list[str], *, any_word: bool) -> QuerySet[Idea]:
    match = (" OR " if any_word else " AND ").join(f'"{word}"*' for word in words)
    return (
        ideas.filter(pk__in=RawSQL(FTS_MATCHING_IDS, [match]))  # noqa: S611 -- constant SQL
        .annotate(search_rank=RawSQL(FTS_RANK, [match]))  # noqa: S611 -- constant SQL
        .order_by("search_rank", "-vote_count")
    )


def _postgres_search(ideas: QuerySet[Idea], words: list[str], *, any_word: bool) -> QuerySet[Idea]:
    query = SearchQuery(
        (" | " if any_word else " & ").join(f"{word}:*" for word in words), search_type="raw", config="english"
    )
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("problem", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    return (
        ideas.annotate(search_vector=vector)
        .filter(search_vector=query)
        .annotate(search_rank=SearchRank(F("search_vector"), query))
        .order_by("-search_rank", "-vote_count")
    )
