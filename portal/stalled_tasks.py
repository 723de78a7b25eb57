"""Background work whose worker died: found by its age and queued again.

django-tasks-db's `db_worker` marks a task RUNNING when it takes it and records the
outcome when it ends; a worker killed in between (out of memory, a deploy, a lost
machine) leaves it RUNNING for ever, and it has no way of its own to notice (0.13.0
has no heartbeat or recovery). `requeue_stalled_tasks`, run from cron, marks each task
RUNNING for longer than `TASK_STALLED_AFTER` as failed, saying why, and queues the same
task with the same arguments again through the Tasks API. Tasks must therefore bear
running twice: e-mail records what it sent (`portal.queued_mail`), notifications are
claimed before their e-mail is queued, and a webhook delivery goes out only while pending.
"""

from datetime import timedelta

from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.models import SentEmail

# How long an e-mail's record stays: it only keeps a send that stalled from going out twice when
# the sweep runs it again, minutes later; a week leaves room for a sweep that was down for days.
SENT_EMAILS_KEPT = timedelta(days=7)


class WorkerLost(Exception):
    """The worker running the task stopped before recording how it ended."""


def requeue_stalled_tasks(stalled_after: timedelta) -> int:
    """Queue again every task RUNNING for longer than `stalled_after`; returns how many."""
    started_before = timezone.now() - stalled_after
    requeued = 0
    for pk in DBTaskResult.objects.running().filter(started_at__lte=started_before).values_list("pk", flat=True):
        with transaction.atomic():
            # Locked and read again: another sweep, or the worker finishing after all, may have been first.
            stalled = DBTaskResult.objects.running().filter(pk=pk).get_locked()
            if stalled is None:
                continue
            stalled.set_failed(WorkerLost("Its worker stopped before the task ended; the task was queued again."))
            try:
                task = stalled.task
            except (ImportError, SuspiciousOperation):
                continue  # the task is gone from the code: nothing to run again
            task.enqueue(*stalled.args_kwargs["args"], **stalled.args_kwargs["kwargs"])
            requeued += 1
    return requeued


def forget_sent_emails(kept: timedelta = SENT_EMAILS_KEPT) -> int:
    """Drop the records of e-mails sent longer than `kept` ago, which no stalled task can send again."""
    deleted, _by_model = SentEmail.objects.filter(sent_at__lt=timezone.now() - kept).delete()
    return deleted
