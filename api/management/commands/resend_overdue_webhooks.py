"""Queue again the webhook deliveries whose worker died mid-try (run it from cron, e.g. every 10 minutes)."""

from django.core.management.base import BaseCommand

from api.webhook_delivery import resend_overdue_deliveries


class Command(BaseCommand):
    help = "Queue again pending webhook deliveries whose try is long overdue (a worker died mid-try)."

    def handle(self, *args, **options):
        count = resend_overdue_deliveries()
        self.stdout.write(f"Queued {count} overdue webhook deliveries again.")
