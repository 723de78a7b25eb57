"""`manage.py bench`: serves the portal with gunicorn, drives it, and prints its figures."""

import re
import sqlite3
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from portal.devdata.bench.run import database_path

SCENARIOS = [
    "bare view (50 idea rows)",
    "idea list, anonymous",
    "idea list, signed in (bob)",
    "idea page, anonymous",
    "API ideas, page of 100",
    "API updated_since, 5 ideas",
    "vote toggle (cast/retract)",
]


def figures(output: str) -> dict[str, list[float]]:
    """The table's rows: scenario name, then req/s, p50, p99, queries, ratio to bare, errors."""
    lines = output.splitlines()
    header = next(n for n, line in enumerate(lines) if line.startswith("scenario"))
    rows = {}
    for line in lines[header + 1 :]:
        name, numbers = line[:28].strip(), line[28:].split()
        rows[name] = [float(number) for number in numbers]
    return rows


IDEAS, VOTES = 60, 300


@pytest.fixture
def bench_dir(tmp_path, django_db_setup, django_db_blocker):
    """Where the bench keeps its database: on SQLite, a copy of the migrated test database
    (the bench would otherwise spend most of this test migrating one of its own)."""
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock(), sqlite3.connect(database_path(tmp_path, IDEAS, VOTES)) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
    return tmp_path


def test_bench_measures_every_scenario_beside_the_bare_view(bench_dir):
    output = StringIO()
    call_command(
        "bench",
        "--var-dir",
        str(bench_dir),
        "--ideas",
        str(IDEAS),
        "--votes",
        str(VOTES),
        "--duration",
        "1",
        "--concurrency",
        "2",
        "--workers",
        "2",
        "--threads",
        "1",
        stdout=output,
    )

    rows = figures(output.getvalue())
    assert list(rows) == SCENARIOS
    for name, (per_second, p50, p99, queries, ratio, errors) in rows.items():
        assert per_second > 0, name
        assert 0 < p50 <= p99, name
        assert queries >= 1, name
        assert ratio > 0, name
        assert errors == 0, name
    assert rows["bare view (50 idea rows)"][3] == 1
    assert rows["bare view (50 idea rows)"][4] == 1
    # The incremental pull reads the ideas changed since, through an index on updated_at, not the whole table.
    assert "the updated_since pull finds 5 ideas" in output.getvalue()
    assert re.search(r"SEARCH ideas_idea USING INDEX idea_(space_)?updated \(.*updated_at>\?\)", output.getvalue())
