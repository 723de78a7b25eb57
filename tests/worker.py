"""The real task worker: run once over everything queued (e-mails, notifications), or as a process of its own."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.db import connection


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def _test_database_url() -> str:
    """The test database as DATABASE_URL, for a process that must use it (its data committed)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host, port = db["HOST"] or "localhost", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}:{port}/{db['NAME']}"


def start_worker_process(**environment: str) -> subprocess.Popen:
    """`manage.py db_worker --batch` in a process of its own on the test database, with extra environment variables."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": _test_database_url(), **environment},
        stdout=subprocess.DEVNULL,
    )
