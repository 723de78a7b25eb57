"""CSV downloads that a spreadsheet opens safely, streamed so that a long export never sits in memory.

A cell starting with = + - @ (or a tab or carriage return) is read by spreadsheets as a formula:
user content such as a title "=HYPERLINK(...)" would run. Such cells get a leading apostrophe,
which spreadsheets show as text (OWASP, "CSV injection").
"""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object whose write returns what it is given, for csv.writer to stream through."""

    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """A streamed CSV download of `rows` under `header`, every cell made safe."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([safe_cell(cell) for cell in header])
        for row in rows:
            yield writer.writerow([safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
