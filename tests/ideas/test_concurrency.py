"""Votes arriving at the same moment, each in its own thread and database connection, as
they would from many web workers: every vote counts once and the counters match the rows.

On SQLite the test database is a file (see ``portal/settings.py``) so that the threads
share it; a busy database is waited for, never turned into an error.
"""

import random
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from community.models import Space
from ideas.models import Idea, Vote
from ideas.services import Conflict, cast_vote, merge_ideas, retract_vote
from tests.community.factories import SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory
from tests.markers import transactional_db

pytestmark = transactional_db

IMPORTANCES = ["", *Vote.Importance.values]


def run_at_once(actions: list[Callable[[], object]]) -> list[Exception]:
    """Run `actions` in as many threads, released together; the errors they raised."""
    start = threading.Barrier(len(actions))
    errors: list[Exception] = []

    def run(action):
        try:
            start.wait()
            action()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a vote never finished"
    return errors


def assert_counters_match_the_rows(idea: Idea) -> None:
    idea.refresh_from_db()
    votes = Vote.objects.filter(idea=idea)
    assert idea.vote_count == votes.count()
    assert idea.votes_nice_to_have == votes.filter(importance=Vote.Importance.NICE_TO_HAVE).count()
    assert idea.votes_important == votes.filter(importance=Vote.Importance.IMPORTANT).count()
    assert idea.votes_blocker == votes.filter(importance=Vote.Importance.BLOCKER).count()


@pytest.fixture
def idea():
    return IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PUBLIC))


@pytest.fixture
def voters():
    return UserFactory.create_batch(50, password=None)


def test_the_database_is_one_the_threads_can_share():
    assert connection.vendor == "postgresql" or not connection.is_in_memory_db()


def test_fifty_people_voting_at_once_give_fifty_votes(idea, voters):
    importances = [IMPORTANCES[n % len(IMPORTANCES)] for n in range(len(voters))]

    errors = run_at_once(
        [
            lambda voter=voter, importance=importance: cast_vote(voter, idea, importance=importance)
            for voter, importance in zip(voters, importances, strict=True)
        ]
    )

    assert errors == []
    idea.refresh_from_db()
    assert idea.vote_count == 50
    assert Vote.objects.filter(idea=idea).count() == 50
    assert (idea.votes_nice_to_have, idea.votes_important, idea.votes_blocker) == (13, 12, 12)
    assert_counters_match_the_rows(idea)


def test_twenty_identical_votes_from_one_person_count_once(idea):
    voter = UserFactory(password=None)

    errors = run_at_once([lambda: cast_vote(voter, idea, importance=Vote.Importance.BLOCKER)] * 20)

    assert errors == []
    idea.refresh_from_db()
    assert (idea.vote_count, idea.votes_blocker) == (1, 1)
    assert Vote.objects.filter(idea=idea, user=voter).count() == 1


def test_votes_and_retractions_at_once_leave_counters_that_match_the_rows(idea, voters):
    chance = random.Random(4)  # noqa: S311 -- a reproducible shuffle, not a secret
    # Half the voters, two actions each: 50 connections at once, within PostgreSQL's 100.
    voters = voters[:25]
    for voter in voters[::2]:
        cast_vote(voter, idea, importance=chance.choice(IMPORTANCES))
    actions = []
    for voter in voters:
        actions.append(lambda voter=voter: cast_vote(voter, idea, importance=chance.choice(IMPORTANCES)))
        actions.append(lambda voter=voter: retract_vote(voter, idea))
    chance.shuffle(actions)

    errors = run_at_once(actions)

    assert errors == []
    assert_counters_match_the_rows(idea)


def test_votes_during_a_merge_count_each_person_once(idea, voters):
    """Thirty people vote for a duplicate or the original (some for both) while a moderator merges
    them: afterwards the original counts exactly the people who voted for either, and the votes
    cast on the duplicate after the merge are refused, not lost in between."""
    duplicate = IdeaFactory(space=idea.space)
    moderator = UserFactory(is_staff=True, password=None)
    voters = voters[:30]
    actions = [lambda voter=voter: cast_vote(voter, duplicate) for voter in voters[:20]]
    actions += [lambda voter=voter: cast_vote(voter, idea) for voter in voters[10:]]
    actions.insert(15, lambda: merge_ideas(moderator, duplicate, idea))

    errors = run_at_once(actions)

    assert all(isinstance(error, Conflict) for error in errors), errors
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == idea.pk
    counted = set(Vote.objects.filter(idea=idea).values_list("user_id", flat=True))
    voted = {vote.user_id for vote in Vote.objects.filter(idea__in=[idea, duplicate])}
    assert counted == voted
    assert set(Vote.objects.filter(idea=duplicate).values_list("user_id", flat=True)) <= counted
    assert_counters_match_the_rows(idea)
    assert_counters_match_the_rows(duplicate)
