from django.core.management.base import BaseCommand

from portal import demo


class Command(BaseCommand):
    help = "Fill the portal with demo data. Safe to run again: it brings the same data up to date."

    def handle(self, *args, **options):
        users = demo.seed_people()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(users)} people."))
        for person in demo.PEOPLE:
            self.stdout.write(f"  {person.email:<22} password {demo.DEMO_PASSWORD}")
