"""E-mail is queued with the request's transaction and delivered by the real worker."""

import socket

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.queued_mail import MAX_ATTEMPTS, retry_delay
from tests.markers import transactional_db
from tests.worker import run_worker

pytestmark = transactional_db


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = "portal.queued_mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def send_welcome():
    message = mail.EmailMultiAlternatives(
        "Welcome", "Plain body", "noreply@example.com", ["dana@example.com"], cc=["team@example.com"]
    )
    message.attach_alternative("<p>HTML body</p>", "text/html")
    message.attach("notes.txt", "Some notes", "text/plain")
    message.send()


def test_a_message_waits_in_the_queue_until_the_worker_delivers_it(queued_mail):
    send_welcome()
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1

    run_worker()

    [delivered] = mail.outbox
    assert (delivered.subject, delivered.body, delivered.to, delivered.cc) == (
        "Welcome",
        "Plain body",
        ["dana@example.com"],
        ["team@example.com"],
    )
    assert delivered.alternatives[0].content == "<p>HTML body</p>"
    assert delivered.attachments[0].filename == "notes.txt"
    assert delivered.attachments[0].content == "Some notes"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@transaction.atomic
def fail_after_sending():
    send_welcome()
    raise RuntimeError("the request failed after the e-mail was written")


def test_a_rolled_back_request_sends_nothing(queued_mail):
    with pytest.raises(RuntimeError):
        fail_after_sending()
    run_worker()
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


def test_smtp_down_the_message_waits_and_goes_out_once_when_it_is_back(queued_mail):
    queued_mail.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    queued_mail.EMAIL_HOST, queued_mail.EMAIL_PORT, queued_mail.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    send_welcome()

    run_worker()
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now()
    assert retry.args_kwargs["args"][1] == 2

    queued_mail.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    run_worker()
    assert [message.to for message in mail.outbox] == [["dana@example.com"]]


def test_retries_back_off_and_stop():
    assert retry_delay(1).total_seconds() == pytest.approx(60, rel=0.2)
    assert retry_delay(4).total_seconds() == pytest.approx(480, rel=0.2)
    assert retry_delay(MAX_ATTEMPTS).total_seconds() <= 4 * 60 * 60 * 1.2
