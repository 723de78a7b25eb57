"""What an operator sees when starting the portal: production is safe by default, development just runs.

Each case starts ``manage.py`` in a fresh process, because the settings are read from the
environment once, when the process starts.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# Everything the settings read, so the developer's or CI's own environment cannot leak in.
SETTINGS_VARIABLES = {
    "DJANGO_ENV",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "ACCOUNT_EMAIL_VERIFICATION",
    "SOCIAL_LOGIN_PROVIDERS",
    "SOCIAL_LOGIN_PROVIDER_SETTINGS",
    "GROUNDSWELL_VAR_DIR",
    "MEDIA_ROOT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "WAGTAILADMIN_BASE_URL",
    "SITE_URL",
    "HOST",
    "PORT",
    "TASK_STALLED_AFTER",
    "TIME_ZONE",
    "LOG_LEVEL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args, **variables):
    env = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES}
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def production(tmp_path):
    """A complete production configuration; no service needs to answer for `check`."""
    return {
        "GROUNDSWELL_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "groundswell.example.com",
        "DATABASE_URL": "postgres://u:p@db.example.com/gs",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_URL": "smtp+tls://u:p@mail.example.com:587",
        "SITE_URL": "https://groundswell.example.com",
    }


def link_settings(**variables) -> str:
    """SITE_URL and WAGTAILADMIN_BASE_URL as a process started with `variables` reads them."""
    code = "from django.conf import settings; print(settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL)"
    result = manage("shell", "--no-imports", "-c", code, **variables)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_configuration_passes_the_deployment_checks_without_a_warning(production):
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_public_development_secret_key(production):
    del production["SECRET_KEY"]

    result = manage("check", **production)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr
    assert "development key is public" in result.stderr


def test_production_refuses_to_start_without_a_way_to_send_mail(production):
    del production["EMAIL_URL"]

    result = manage("check", **production)

    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr


def test_a_fresh_clone_passes_the_checks_with_no_variable_set():
    result = manage("check")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_public_address(production):
    del production["SITE_URL"]

    result = manage("check", **production)

    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_links_follow_the_site_url_and_the_back_office_follows_it_too(production):
    assert link_settings(**production) == "https://groundswell.example.com https://groundswell.example.com"


def test_in_development_links_point_where_make_run_serves():
    assert link_settings() == "http://127.0.0.1:8000 http://127.0.0.1:8000"
    assert link_settings(HOST="localhost", PORT="8123") == "http://localhost:8123 http://localhost:8123"
