"""Queue again the tasks whose worker died while running them (run it from cron, e.g. every 10 minutes)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.stalled_tasks import forget_sent_emails, requeue_stalled_tasks


class Command(BaseCommand):
    help = (
        "Queue again tasks left RUNNING longer than TASK_STALLED_AFTER seconds (their worker died), "
        "and forget the e-mails sent more than a week ago."
    )

    def handle(self, *args, **options):
        count = requeue_stalled_tasks(timedelta(seconds=settings.TASK_STALLED_AFTER))
        self.stdout.write(f"Queued {count} stalled tasks again.")
        forgotten = forget_sent_emails()
        self.stdout.write(f"Forgot {forgotten} e-mails sent more than a week ago.")
