"""A password hasher that counts its work, so tests can see that two answers cost the same."""

from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, for tests; it reads the suite's other MD5 hashes too) that counts each password it
    hashes, to store or to check."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)
