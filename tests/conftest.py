"""Fixtures shared by every test: isolation, people, and a real headless Chromium."""

import importlib

import pytest
from django.core.cache import cache
from django.urls import clear_url_caches

from tests.community.factories import UserFactory

pytest_plugins = ["tests.browser.fixtures"]


def pytest_collection_modifyitems(items):
    """Transactional tests must restore what migrations created (the HomePage at /, groups).

    They end with a flush of every table. Without ``serialized_rollback=True`` the flush
    also re-creates content types, and a later transactional test then finds neither the
    site's home page nor a database it can restore into. Use ``tests.markers.transactional_db``.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(f"{item.nodeid}: mark it with tests.markers.transactional_db.")


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    """Each test starts with an empty cache (rate-limit counters) and its own media folder."""
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _rate_limits_off(settings):
    """Tests post many ideas, votes and comments from one person in a second: the posting limits
    (community.ratelimits) are off unless a test asks for them with `rate_limits`."""
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def rate_limits(settings):
    """The posting limits on, as in production."""
    settings.RATELIMIT_ENABLE = True
    return settings.RATE_LIMITS


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The real hasher costs a third of a second per user; tests make hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return "correct-horse-battery-staple"


@pytest.fixture
def member(password):
    """A signed-up customer with a verified e-mail address."""
    return UserFactory(password=password)


@pytest.fixture
def debug_urls(settings):
    """The root URLs as `runserver` builds them, with DEBUG on (and its media route)."""
    import portal.urls

    def rebuild():
        importlib.reload(portal.urls)
        clear_url_caches()

    debug = settings.DEBUG
    settings.DEBUG = True
    rebuild()
    yield
    settings.DEBUG = debug
    rebuild()
