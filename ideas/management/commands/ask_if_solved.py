from django.conf import settings
from django.core.management.base import BaseCommand
from tqdm import tqdm

from ideas import selectors, services


class Command(BaseCommand):
    help = (
        "Ask the author and voters of each idea shipped at least SOLUTION_FEEDBACK_AFTER_DAYS days ago whether "
        "it solved their problem (once per shipping). Run it once a day (cron)."
    )

    def handle(self, *args, **options):
        ideas = selectors.ideas_due_for_feedback().order_by("pk")
        asked = 0
        with tqdm(total=ideas.count(), desc="shipped ideas", unit=" ideas", disable=None) as progress:
            for idea in ideas.iterator(chunk_size=500):
                asked += services.request_feedback(idea)
                progress.update()
        days = settings.SOLUTION_FEEDBACK_AFTER_DAYS
        self.stdout.write(
            self.style.SUCCESS(f"People asked whether an idea shipped {days}+ days ago solved it: {asked}.")
        )
