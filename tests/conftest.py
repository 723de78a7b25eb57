"""Fixtures shared by every test: isolation, people, and a real headless Chromium."""

import pytest
from django.core.cache import cache

from tests.community.factories import UserFactory

pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def _isolated_state(settings, tmp_path):
    """Each test starts with an empty cache (rate-limit counters) and its own media folder."""
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()


@pytest.fixture
def password():
    return "correct-horse-battery-staple"


@pytest.fixture
def member(password):
    """A signed-up customer with a verified e-mail address."""
    return UserFactory(password=password)
