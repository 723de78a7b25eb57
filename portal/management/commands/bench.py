import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.devdata.bench import run as bench


class Command(BaseCommand):
    help = (
        "Benchmark the portal: serve it with gunicorn on the embedded defaults and a large data set "
        "(generated into var/bench/ the first time), drive it on loopback, and print requests per second, "
        "latency and SQL queries per request beside a bare view that reads 50 ideas."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=float, default=20, help="Seconds per scenario (default 20).")
        parser.add_argument("--concurrency", type=int, default=8, help="Connections at once (default 8).")
        parser.add_argument("--ideas", type=int, default=100_000, help="Generated ideas (default 100,000).")
        parser.add_argument("--votes", type=int, default=1_000_000, help="Generated votes (default 1,000,000).")
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, 2 * (os.cpu_count() or 1)),
            help="gunicorn worker processes (default: two per core, at most 4).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=1,
            help="Threads per worker (default 1: with the GIL, more workers serve more than more threads).",
        )
        parser.add_argument("--var-dir", type=Path, help="Where the bench databases are kept (default var/bench).")

    def handle(self, *args, **options):
        if min(options[name] for name in ("duration", "concurrency", "ideas", "workers", "threads")) <= 0:
            raise CommandError("--duration, --concurrency, --ideas, --workers and --threads must be positive.")
        choice = bench.Options(
            ideas=options["ideas"],
            votes=options["votes"],
            duration=options["duration"],
            concurrency=options["concurrency"],
            workers=options["workers"],
            threads=options["threads"],
            var_dir=(options["var_dir"] or settings.VAR_DIR / "bench").resolve(),
        )
        if bench.in_bench_environment():
            bench.run(choice, self.stdout)
            return
        argv = [f"--{name.replace('_', '-')}={value}" for name, value in vars(choice).items()]
        if bench.run_in_bench_environment(choice, argv, self.stdout.write):
            raise CommandError("The benchmark failed; see the messages above.")
