"""A task whose worker was killed is queued again by `requeue_stalled_tasks`, and an e-mail still goes out once.

The worker is a real `manage.py db_worker` process, killed with SIGKILL while it talks to a
real SMTP server (in a thread of the test) that is stuck at a chosen command.
"""

import signal
from datetime import timedelta
from email import message_from_bytes

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.models import SentEmail
from portal.queued_mail import deliver_email
from tests.markers import transactional_db
from tests.portal.smtp_server import SMTPServer
from tests.worker import run_worker, start_worker_process

pytestmark = transactional_db

WAIT_SECONDS = 60


@pytest.fixture(autouse=True)
def queued_mail(settings):
    settings.EMAIL_BACKEND = "portal.queued_mail.QueuedEmailBackend"


def send_welcome():
    mail.send_mail("Welcome", "Glad you are here.", "noreply@example.com", ["dana@example.com"])


def kill_while_sending(smtp: SMTPServer) -> None:
    worker = start_worker_process(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")
    try:
        assert smtp.stuck.wait(WAIT_SECONDS), "the worker never reached the mail server"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(WAIT_SECONDS)


@pytest.mark.parametrize(
    "stuck_at",
    [
        "DATA",  # before the message was handed over: it must still go out
        "QUIT",  # after the server accepted it: it must not go out again
    ],
)
def test_an_email_whose_worker_was_killed_mid_send_goes_out_exactly_once(settings, capsys, stuck_at):
    send_welcome()
    with SMTPServer(stuck_at=stuck_at) as smtp:
        kill_while_sending(smtp)
        killed = DBTaskResult.objects.get()
        assert killed.status == "RUNNING"

        settings.TASK_STALLED_AFTER = 0
        call_command("requeue_stalled_tasks")
        assert "Queued 1 stalled tasks again." in capsys.readouterr().out
        worker = start_worker_process(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}")
        assert worker.wait(WAIT_SECONDS) == 0

    [message] = smtp.messages
    assert message_from_bytes(message)["Subject"] == "Welcome"
    killed.refresh_from_db()
    assert (killed.status, killed.exception_class_path) == ("FAILED", "portal.stalled_tasks.WorkerLost")
    rerun = DBTaskResult.objects.exclude(pk=killed.pk).get()
    assert (rerun.status, rerun.task_path, rerun.args_kwargs) == ("SUCCESSFUL", killed.task_path, killed.args_kwargs)


def test_a_task_running_for_less_than_the_threshold_is_left_alone(settings):
    settings.TASK_STALLED_AFTER = 15 * 60
    send_welcome()
    DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now() - timedelta(minutes=14))

    call_command("requeue_stalled_tasks")

    assert DBTaskResult.objects.get().status == "RUNNING"


def test_an_email_task_run_again_after_sending_sends_nothing(settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_welcome()
    [queued] = DBTaskResult.objects.all()
    deliver_email.enqueue(*queued.args_kwargs["args"])  # the same message, as a requeued task has it

    run_worker()

    assert len(mail.outbox) == 1
    assert SentEmail.objects.get().message_id == mail.outbox[0].extra_headers["Message-ID"]


@pytest.mark.django_db
def test_the_sweep_forgets_emails_sent_more_than_a_week_ago():
    old, recent = SentEmail.objects.create(message_id="<old@x>"), SentEmail.objects.create(message_id="<new@x>")
    SentEmail.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=8))
    SentEmail.objects.filter(pk=recent.pk).update(sent_at=timezone.now() - timedelta(days=6))
    call_command("requeue_stalled_tasks")
    assert list(SentEmail.objects.values_list("message_id", flat=True)) == ["<new@x>"]
