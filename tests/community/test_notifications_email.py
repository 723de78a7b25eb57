"""Immediate notification e-mails: queued after the commit, sent once by the real task worker,
and only to people who still may see what they are about."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from community.models import Membership, Notification, Profile, Space, User
from community.services import notify
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.community.notifying import tell
from tests.ideas.factories import IdeaFactory
from tests.markers import transactional_db
from tests.worker import run_worker

pytestmark = transactional_db

SITE = "https://ideas.example.com"


@pytest.fixture(autouse=True)
def queued_mail(settings):
    """E-mail as in production: queued as a task, delivered by the worker."""
    settings.EMAIL_BACKEND = "portal.queued_mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = SITE


def set_frequency(user: User, frequency: Profile.EmailFrequency) -> None:
    Profile.objects.filter(user=user).update(email_frequency=frequency)


def test_the_worker_sends_one_email_with_the_link_and_an_unsubscribe_link(member):
    idea = IdeaFactory(title="Dark mode for reports")
    notification = tell(member, idea, message="Status: Planned\n\nWe start in May.")
    assert mail.outbox == []

    run_worker()

    [email] = mail.outbox
    assert email.to == [member.email]
    assert email.subject == "[Groundswell] Status change: Dark mode for reports"
    assert "Dark mode for reports" in email.body
    assert "We start in May." in email.body
    assert f"{SITE}{idea.get_absolute_url()}" in email.body
    unsubscribe = re.search(r"<(.+)>", email.extra_headers["List-Unsubscribe"]).group(1)
    assert unsubscribe.startswith(f"{SITE}/notifications/unsubscribe/")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in email.body
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert f'href="{unsubscribe}"' in html
    notification.refresh_from_db()
    assert notification.emailed_at is not None

    run_worker()
    assert len(mail.outbox) == 1


@transaction.atomic
def notify_then_fail(member: User, idea) -> None:
    tell(member, idea)
    raise RuntimeError("the status change failed after notifying")


def test_a_rolled_back_notification_sends_nothing(member):
    idea = IdeaFactory()

    with pytest.raises(RuntimeError):
        notify_then_fail(member, idea)

    run_worker()
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []


def test_someone_removed_from_a_private_space_before_the_worker_ran_gets_no_email():
    space = SpaceFactory(visibility=Space.Visibility.PRIVATE)
    partner = MembershipFactory(space=space).user
    notification = tell(partner, IdeaFactory(space=space, author=partner, title="Partner-only pricing"))

    Membership.objects.filter(user=partner, space=space).delete()
    run_worker()

    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_never_means_no_email(member):
    set_frequency(member, Profile.EmailFrequency.NEVER)
    tell(member, IdeaFactory())

    run_worker()
    call_command("send_notification_digests", verbosity=0)
    run_worker()

    assert mail.outbox == []


def test_switching_to_never_before_the_worker_ran_is_respected(member):
    tell(member, IdeaFactory())

    set_frequency(member, Profile.EmailFrequency.NEVER)
    run_worker()

    assert mail.outbox == []


def test_daily_readers_get_nothing_at_once(member):
    set_frequency(member, Profile.EmailFrequency.DAILY)

    tell(member, IdeaFactory())

    assert not DBTaskResult.objects.exists()


def test_each_follower_gets_their_own_email_and_the_actor_none():
    idea = IdeaFactory()
    followers = UserFactory.create_batch(2)
    actor = UserFactory()

    notify(
        User.objects.filter(pk__in=[*[f.pk for f in followers], actor.pk]),
        space=idea.space,
        kind=Notification.Kind.OFFICIAL_RESPONSE,
        target=idea,
        subject=idea.title,
        url=idea.get_absolute_url(),
        actor=actor,
    )
    run_worker()

    assert sorted(email.to[0] for email in mail.outbox) == sorted(f.email for f in followers)
