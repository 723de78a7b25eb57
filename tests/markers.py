"""Marks shared by the test suite."""

import pytest

# A test that needs real commits (a live server, the task worker, a lost connection):
# its data is committed, then flushed, and what migrations created is restored.
transactional_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)
