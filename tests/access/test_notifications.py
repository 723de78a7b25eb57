"""Notifications and e-mails about a secret idea: only people who may still see it hear of it.

Everyone who could follow the idea did, and heard of a status change; then the former
members were removed (and a hidden idea hidden) before the worker ran, and an official
response followed. Immediate e-mails go through the real worker; daily readers get the
`send_notification_digests` digest.
"""

from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from community.models import Notification, Profile
from ideas.services import add_comment
from tests.access.conftest import (
    FAST_HASHERS,
    VIEWERS,
    World,
    allowed,
    build_world,
    leaked,
)
from tests.worker import run_worker

pytestmark = pytest.mark.django_db

PEOPLE = [kind for kind in VIEWERS if kind != "anonymous"]
CHANNELS = [Profile.EmailFrequency.IMMEDIATELY, Profile.EmailFrequency.DAILY]
QUEUED_MAIL = {
    "EMAIL_BACKEND": "portal.queued_mail.QueuedEmailBackend",
    "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "SITE_URL": "https://ideas.example.com",
    "PASSWORD_HASHERS": FAST_HASHERS,
}

# The worker closes connections it finds outside autocommit; inside this module's transaction that
# connection is the test database itself, so it keeps it (everything else the worker does is real).
WORKER_CLOSES_CONNECTIONS = "django_tasks_db.management.commands.db_worker.close_old_connections"


@pytest.fixture(scope="module", params=CHANNELS)
def channel(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def told(secret, channel, django_db_setup, django_db_blocker) -> tuple[World, list]:
    """The world after both events, the worker and (for daily readers) the digest; and the e-mails sent."""

    def wants_email(world: World) -> None:
        Profile.objects.filter(user__in=[user for user in world.users.values() if user]).update(email_frequency=channel)

    with django_db_blocker.unblock(), override_settings(**QUEUED_MAIL), transaction.atomic():
        start = len(mail.outbox)
        with TestCase.captureOnCommitCallbacks(execute=True):
            world = build_world(secret, PEOPLE, before_loss=wants_email)
        with TestCase.captureOnCommitCallbacks(execute=True):
            add_comment(world.changer, world.idea, f"{secret.response}: it ships in May.", official=True)
        with mock.patch(WORKER_CLOSES_CONNECTIONS):
            run_worker()
            call_command("send_notification_digests", verbosity=0)
            run_worker()
        yield world, mail.outbox[start:]
        transaction.set_rollback(True)


@pytest.mark.parametrize("viewer", PEOPLE)
def test_only_those_allowed_are_emailed(told, viewer):
    world, emails = told
    user = world.users[viewer]
    theirs = [email for email in emails if user.email in email.to]
    texts = [email.subject + email.body + "".join(part for part, _type in email.alternatives) for email in theirs]

    if allowed(viewer, world.secret):
        assert theirs, f"{viewer} was not e-mailed"
        assert all(world.secret.title in text for text in texts)
    else:
        assert theirs == [], f"{viewer} was e-mailed: {[leaked(world, text) for text in texts]}"


@pytest.mark.parametrize("viewer", PEOPLE)
def test_only_those_allowed_hear_of_what_happens_after_they_lost_access(told, viewer):
    world, _emails = told
    responses = Notification.objects.filter(
        recipient=world.users[viewer], kind=Notification.Kind.OFFICIAL_RESPONSE, target_id=world.idea.pk
    )

    assert responses.exists() is allowed(viewer, world.secret)
