import time

from django.core.management.base import BaseCommand, CommandError

from portal.devdata import demo
from portal.devdata import scale as scale_data


class Command(BaseCommand):
    help = (
        "Fill the portal with demo data. Safe to run again: it brings the same data up to date. "
        "With --ideas (and --votes), also a large generated data set for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ideas", type=int, default=0, help="Generate this many more ideas, for benchmarks.")
        parser.add_argument("--votes", type=int, help="Votes for the generated ideas (default: ten per idea).")

    def handle(self, *args, ideas, votes, **options):
        votes = ideas * 10 if votes is None else votes
        if ideas < 0 or votes < 0:
            raise CommandError("--ideas and --votes cannot be negative.")
        summary = demo.seed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {summary.people} people, {summary.spaces} spaces, "
                f"{summary.ideas} ideas ({summary.new_ideas} new), {summary.new_pages} new site pages."
            )
        )
        self.stdout.write("Sign in as:")
        for person in demo.PEOPLE:
            self.stdout.write(f"  {person.email:<22} password {demo.DEMO_PASSWORD}")
        if ideas:
            self._generate(ideas, votes)

    def _generate(self, ideas: int, votes: int) -> None:
        started = time.monotonic()
        try:
            result = scale_data.generate(ideas=ideas, votes=votes)
        except scale_data.DataSetMismatch as error:
            raise CommandError(str(error)) from error
        if not result.created:
            self.stdout.write(f"Scale data already there: {result.ideas} ideas, {result.votes} votes. Nothing added.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data generated in {time.monotonic() - started:.0f} s: {result.users} people, "
                f"{result.ideas} ideas, {result.votes} votes, {result.comments} comments."
            )
        )
