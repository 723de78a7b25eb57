from django.core.management.base import BaseCommand
from tqdm import tqdm

from community.models import User
from community.services import set_trust_level
from ideas import trust


class Command(BaseCommand):
    help = (
        "Recompute everyone's trust level from their activity (accounts age without posting, suspensions "
        "end, warnings fade). Run it once a day (cron); posting refreshes a person's level at once."
    )

    def handle(self, *args, **options):
        users = trust.with_standing(User.objects.order_by("pk"))
        changed = 0
        with tqdm(total=users.count(), desc="trust levels", unit=" people", disable=None) as progress:
            for user in users.iterator(chunk_size=2000):
                level = trust.level_of(user)
                if level != user.stored_level:
                    set_trust_level(user, level)
                    changed += 1
                progress.update()
        self.stdout.write(self.style.SUCCESS(f"Trust levels changed: {changed}."))
