"""The real task worker, run once over everything queued (e-mails, notifications)."""

from django.core.management import call_command


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
