"""The benchmark behind ``make bench`` (``manage.py bench``).

It runs in its own environment, never on the portal's database: the command starts
itself again with the embedded defaults (a SQLite file per data-set size under
``var/bench/``, DEBUG off) and GROUNDSWELL_BENCH on, which adds a bare view and a count of
SQL queries per request. There it loads the large data set unless it is already there,
serves the portal with gunicorn on a free loopback port, and drives it scenario by
scenario, the bare view first, all in the same run so that the ratios compare like with
like.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.db.models import QuerySet
from django.utils import timezone

from api.filters import IdeaFilterSet, parse_ordering
from api.pagination import ApiCursorPagination
from api.services import create_api_token
from community import services as community_services
from community.models import Space, User
from ideas import selectors
from ideas.models import Idea, Vote
from portal.devdata import scale as scale_data
from portal.devdata.bench.load import Measurement, Request, Scenario, measure
from portal.devdata.bench.urls import BARE_PATH

SIGNED_IN_AS = "bob"
# The idea page shows a popular idea, though not the most voted-for of all.
IDEA_RANK = 100
SERVER_START_TIMEOUT = 60
# The incremental pull finds this many ideas changed since its last run, among all of them.
CHANGED_IDEAS = 5


@dataclass(frozen=True)
class Options:
    ideas: int
    votes: int
    duration: float
    concurrency: int
    workers: int
    threads: int
    var_dir: Path


def in_bench_environment() -> bool:
    return settings.BENCH


def database_path(var_dir: Path, ideas: int, votes: int) -> Path:
    """One database per data-set size, so that each is generated once and kept."""
    return var_dir / f"bench-{ideas}-{votes}.sqlite3"


def run_in_bench_environment(options: Options, argv: list[str], write: Callable[[str], None]) -> int:
    """Start `manage.py bench` again with the embedded defaults and the bench settings."""
    options.var_dir.mkdir(parents=True, exist_ok=True)
    environment = {
        **os.environ,
        "GROUNDSWELL_BENCH": "true",
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "GROUNDSWELL_VAR_DIR": str(options.var_dir),
        "DATABASE_URL": f"sqlite:///{database_path(options.var_dir, options.ideas, options.votes)}",
        "REDIS_URL": "",
        "ELASTICSEARCH_URL": "",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "bench", *argv]
    with subprocess.Popen(  # noqa: S603 -- our own manage.py, with our own arguments
        command, env=environment, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, text=True
    ) as child:
        for line in child.stdout:
            write(line.rstrip("\n"))
        return child.wait()


def run(options: Options, stdout: OutputWrapper) -> list[Measurement]:
    """In the bench environment: load the data, serve it, measure every scenario, print the table."""
    call_command("migrate", interactive=False, verbosity=0)
    if scale_data.existing() != (options.ideas, options.votes):
        call_command("seed_demo", ideas=options.ideas, votes=options.votes, stdout=stdout)
    scenarios, idea, pull = _scenarios(options.concurrency)
    stdout.write(
        f"Data: {Idea.objects.count()} ideas, {Vote.objects.count()} votes. "
        f"Idea page and vote toggle: idea {idea.pk} ({idea.vote_count} votes, {idea.comment_count} comments).\n"
        f"API: a token of {SIGNED_IN_AS}; the updated_since pull finds {pull.count()} ideas "
        f"(of {CHANGED_IDEAS} touched just before).\n"
        f"gunicorn: {options.workers} workers x {options.threads} threads; load: {options.concurrency} "
        f"keep-alive connections, {options.duration:g} s per scenario after a warm-up."
    )
    stdout.write("Query plan of the updated_since pull's page of ideas:")
    for line in pull.explain().splitlines():
        stdout.write(f"  {line}")
    port = _free_port()
    with _Server(port, workers=options.workers, threads=options.threads):
        measurements = []
        for scenario in scenarios:
            # Warm up first: each worker compiles its templates and opens its connection.
            measure(port, scenario, duration=max(0.2, options.duration / 10), concurrency=options.concurrency)
            measurements.append(measure(port, scenario, duration=options.duration, concurrency=options.concurrency))
    for line in table(measurements):
        stdout.write(line)
    return measurements


def table(measurements: list[Measurement]) -> list[str]:
    """The figures, each scenario's throughput also as a share of the bare view's."""
    bare = measurements[0].requests_per_second or 1
    lines = [f"{'scenario':<28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8} {'x bare':>7} {'errors':>7}"]
    for measurement in measurements:
        lines.append(
            f"{measurement.scenario:<28} {measurement.requests_per_second:>8.1f} {measurement.percentile(0.5):>8.1f} "
            f"{measurement.percentile(0.99):>8.1f} {measurement.queries_per_request:>8.1f} "
            f"{measurement.requests_per_second / bare:>7.2f} {measurement.errors:>7}"
        )
    return lines


def _scenarios(concurrency: int) -> tuple[list[Scenario], Idea, QuerySet[Idea]]:
    """The scenarios, the idea their idea page shows, and the page of ideas the incremental pull reads."""
    public = scale_data.scale_ideas().filter(space__visibility=Space.Visibility.PUBLIC).order_by("-vote_count", "pk")
    idea = public[min(IDEA_RANK, public.count()) - 1]
    person = User.objects.get(username=SIGNED_IN_AS)
    signed_in = {"Cookie": _session_cookie(person)}
    _token, key = create_api_token(person, person, name="bench")
    api = {"Authorization": f"Bearer {key}"}
    pull_query, pull = _incremental_pull(person, public)
    vote_path = f"/ideas/{idea.pk}/vote/"
    # Each connection votes as a person of its own, who has not voted for the idea.
    voters = [_voter(n) for n in range(concurrency)]
    form = {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"}
    toggles = tuple(
        (
            Request(vote_path, "POST", {**form, **voter}, "action=vote&shown_in=detail"),
            Request(vote_path, "POST", {**form, **voter}, "action=retract&shown_in=detail"),
        )
        for voter in voters
    )
    scenarios = [
        Scenario("bare view (50 idea rows)", ((Request(BARE_PATH),),)),
        Scenario("idea list, anonymous", ((Request("/ideas/"),),)),
        Scenario(f"idea list, signed in ({SIGNED_IN_AS})", ((Request("/ideas/", headers=signed_in),),)),
        Scenario("idea page, anonymous", ((Request(idea.get_absolute_url()),),)),
        Scenario("API ideas, page of 100", ((Request("/api/v1/ideas/?page_size=100", headers=api),),)),
        Scenario(f"API updated_since, {CHANGED_IDEAS} ideas", ((Request(pull_query, headers=api),),)),
        # Last: each vote moves an idea's updated_at, which the pull above would then also find.
        Scenario("vote toggle (cast/retract)", toggles),
    ]
    return scenarios, idea, pull


def _incremental_pull(person: User, ideas: QuerySet[Idea]) -> tuple[str, QuerySet[Idea]]:
    """Touch a few ideas, as a status change or a comment would, and the pull of what changed since just before.

    Returns the pull's path and the query of ideas its first page reads, as the API view makes it.
    """
    since = timezone.now()
    step = max(1, ideas.count() // CHANGED_IDEAS)
    changed = [ideas[n * step].pk for n in range(min(CHANGED_IDEAS, ideas.count()))]
    Idea.objects.filter(pk__in=changed).update(updated_at=timezone.now())
    query = {"updated_since": since.isoformat(), "ordering": "updated", "page_size": ApiCursorPagination.max_page_size}
    filtered = IdeaFilterSet(query, queryset=selectors.integration_ideas_for(person)).qs
    page = filtered.order_by(*parse_ordering(query["ordering"]))[: ApiCursorPagination.max_page_size + 1]
    return "/api/v1/ideas/?" + urllib.parse.urlencode(query), page


def _voter(n: int) -> dict[str, str]:
    """Session and CSRF headers of a verified person made for the benchmark."""
    user = community_services.provision_account(
        email=f"bench-voter-{n}@example.org",
        username=f"bench-voter-{n}",
        display_name=f"Bench voter {n}",
        email_verified=True,
    )
    csrf_secret = secrets.token_hex(16)  # 32 characters: Django takes the bare secret as a token
    return {
        "Cookie": f"{_session_cookie(user)}; {settings.CSRF_COOKIE_NAME}={csrf_secret}",
        "X-CSRFToken": csrf_secret,
    }


def _session_cookie(user: User) -> str:
    """A signed-in session for `user`, as the login page would have left it."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Server:
    """gunicorn on 127.0.0.1:`port`, in this process's (bench) environment, until the block ends."""

    def __init__(self, port: int, *, workers: int, threads: int):
        self.port = port
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=gthread",
            f"--threads={threads}",
            "--preload",
            "--keep-alive=30",
            "--graceful-timeout=5",
            "--log-level=warning",
        ]

    def __enter__(self):
        self.process = subprocess.Popen(self.command, cwd=settings.BASE_DIR)  # noqa: S603 -- fixed command
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"gunicorn did not start on port {self.port}.")
            time.sleep(0.1)
        return self

    def __exit__(self, *exc_info):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False
