"""/healthz tells a load balancer the truth about the database, and recovers with it."""

import sqlite3
from contextlib import contextmanager

import pytest
from django.db import connection

from tests.markers import transactional_db

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_outage(tmp_path, monkeypatch):
    """A context manager that points the real connection at a database that is not there.

    SQLite: a file in a folder that does not exist. PostgreSQL: a port nothing listens on.
    Leaving the block restores the settings and closes the broken connection, so the next
    query connects afresh. An in-memory SQLite test database vanishes with its last
    connection, so a second one keeps it alive until the test is over.
    """
    keeper = None
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        keeper = sqlite3.connect(connection.settings_dict["NAME"], uri=True)

    @contextmanager
    def outage():
        with monkeypatch.context() as patch:
            if connection.vendor == "sqlite":
                patch.setitem(connection.settings_dict, "NAME", str(tmp_path / "missing" / "gone.sqlite3"))
            else:
                patch.setitem(connection.settings_dict, "PORT", "1")
            connection.close()
            try:
                yield
            finally:
                connection.close()

    yield outage
    if keeper is not None:
        connection.ensure_connection()
        keeper.close()


def test_healthz_is_ok_while_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate"} <= cache_control


@transactional_db
def test_healthz_is_503_while_the_database_is_unreachable_and_200_once_it_is_back(client, database_outage, caplog):
    with database_outage():
        down = client.get("/healthz")

    assert down.status_code == 503
    assert down["Content-Type"] == "application/json"
    assert down.json() == {"status": "unavailable", "database": "unavailable"}
    assert "no-cache" in down["Cache-Control"]
    assert "the database does not answer" in caplog.text

    back = client.get("/healthz")

    assert back.status_code == 200
    assert back.json() == {"status": "ok", "database": "ok"}
