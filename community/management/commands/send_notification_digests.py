from django.core.management.base import BaseCommand

from community import notifications


class Command(BaseCommand):
    help = (
        "Send each person who chose the daily digest one e-mail with the notifications not e-mailed yet. "
        "Run it once a day (cron); the e-mails go out through the task worker."
    )

    def handle(self, *args, **options):
        sent = notifications.send_digests()
        self.stdout.write(self.style.SUCCESS(f"Digests queued: {sent}."))
