"""Fixtures of the ideas tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """These tests make many accounts and sign none in with a password: skip the slow hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
