"""The integrators' guide (docs/integrations.md) works as written: its sync script, run as is
against a live server and a stand-in tracker, opens issues and moves ideas; its receiver checks
webhook signatures as Groundswell makes them."""

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from api.services import create_api_token
from api.signing import signature
from ideas.models import Idea, StatusChange, TrackerLink
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory
from tests.markers import transactional_db

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "integrations.md"
MAPPING = {"Done": "shipped", "In Progress": "in_progress"}
TRACKER_NAME = "acme-tracker"
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy


def python_blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", GUIDE.read_text(), re.DOTALL | re.MULTILINE)


def test_the_guide_has_the_sync_script_then_the_webhook_receiver():
    sync_script, receiver = python_blocks()

    assert "def main():" in sync_script
    assert "def verify_signature(" in receiver


class Tracker:
    """The tracker's side, over real HTTP: `POST /issues` opens one, `GET /issues/KEY` tells its state."""

    def __init__(self):
        self.issues = {}  # key -> what the script sent, and the state the test sets
        self.server = HTTPServer(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def handler(self):
        tracker = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                given = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                key = f"ACME-{len(tracker.issues) + 1}"
                tracker.issues[key] = {**given, "state": "To Do"}
                self.answer(201, {"key": key, "url": f"{tracker.url}/browse/{key}", "state": "To Do"})

            def do_GET(self):
                issue = tracker.issues.get(self.path.removeprefix("/issues/"))
                if issue is None:
                    self.answer(404, {})
                else:
                    self.answer(200, {"state": issue["state"]})

            def answer(self, status, body):
                content = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args):
                pass

        return Handler

    def key_for(self, idea: Idea) -> str:
        [key] = [key for key, issue in self.issues.items() if issue["title"] == idea.title]
        return key


@pytest.fixture
def tracker():
    tracker = Tracker()
    thread = threading.Thread(target=tracker.server.serve_forever, daemon=True)
    thread.start()
    yield tracker
    tracker.server.shutdown()
    tracker.server.server_close()


@pytest.fixture
def roadmap():
    """A space with planned ideas, some popular enough, and a moderator's write token for it."""
    space = SpaceFactory(slug="product")
    moderator = UserFactory()
    MembershipFactory(user=moderator, space=space, role="moderator")
    planned = Idea.Status.PLANNED
    _token, key = create_api_token(
        moderator, moderator, name="Acme tracker sync", can_write=True, spaces=[space], status_mapping=MAPPING
    )
    return SimpleNamespace(
        moderator=moderator,
        token=key,
        popular=IdeaFactory(space=space, status=planned, vote_count=12, title="Export reports to Excel"),
        enough=IdeaFactory(space=space, status=planned, vote_count=5, title="Dark mode"),
        too_few=IdeaFactory(space=space, status=planned, vote_count=4, title="Emoji reactions"),
        under_review=IdeaFactory(space=space, status=Idea.Status.UNDER_REVIEW, vote_count=30, title="SSO"),
        # Public, and popular, but outside the token's space.
        elsewhere=IdeaFactory(space=SpaceFactory(), status=planned, vote_count=30, title="Other product"),
    )


@pytest.fixture
def run_sync(live_server, tracker, tmp_path):
    """Run the guide's sync script as a user would: its own process, configured by environment."""
    script = tmp_path / "groundswell_sync.py"
    script.write_text(python_blocks()[0])
    state_file = tmp_path / "sync-state.json"

    def run(token: str) -> subprocess.CompletedProcess:
        environment = {name: value for name, value in os.environ.items() if "proxy" not in name.lower()}
        environment.update(
            GROUNDSWELL_URL=live_server.url,
            GROUNDSWELL_TOKEN=token,
            TRACKER_URL=tracker.url,
            TRACKER_NAME=TRACKER_NAME,
            MIN_VOTES="5",
            STATE_FILE=str(state_file),
        )
        return subprocess.run(
            [sys.executable, str(script)], env=environment, capture_output=True, text=True, timeout=60, check=False
        )

    run.state_file = state_file
    return run


def links() -> set[tuple]:
    return set(TrackerLink.objects.filter(tracker=TRACKER_NAME).values_list("idea__title", "key", "state"))


@transactional_db
def test_the_sync_script_opens_issues_for_popular_planned_ideas_and_moves_them_as_the_tracker_does(
    run_sync, tracker, roadmap, live_server
):
    first = run_sync(roadmap.token)

    assert first.returncode == 0, first.stderr
    assert {issue["title"] for issue in tracker.issues.values()} == {"Export reports to Excel", "Dark mode"}
    popular_issue = tracker.issues[tracker.key_for(roadmap.popular)]
    assert popular_issue["url"] == live_server.url + roadmap.popular.get_absolute_url()
    assert popular_issue["description"].startswith(roadmap.popular.problem)
    popular_key, enough_key = tracker.key_for(roadmap.popular), tracker.key_for(roadmap.enough)
    assert links() == {("Export reports to Excel", popular_key, "To Do"), ("Dark mode", enough_key, "To Do")}
    link = TrackerLink.objects.get(key=popular_key)
    assert (link.url, link.status_mapping, link.created_by) == (
        f"{tracker.url}/browse/{popular_key}",
        MAPPING,
        roadmap.moderator,
    )
    assert set(Idea.objects.filter(status=Idea.Status.PLANNED).values_list("title", flat=True)) == {
        "Export reports to Excel",
        "Dark mode",
        "Emoji reactions",
        "Other product",
    }

    enough_link_updated = TrackerLink.objects.get(key=enough_key).updated_at
    tracker.issues[popular_key]["state"] = "In Progress"
    second = run_sync(roadmap.token)

    assert second.returncode == 0, second.stderr
    roadmap.popular.refresh_from_db()
    assert roadmap.popular.status == Idea.Status.IN_PROGRESS
    assert links() == {("Export reports to Excel", popular_key, "In Progress"), ("Dark mode", enough_key, "To Do")}
    assert TrackerLink.objects.get(key=enough_key).updated_at == enough_link_updated, "only changes are reported"

    # The idea is no longer planned, so no pull finds it: the script asks the tracker anyway.
    tracker.issues[popular_key]["state"] = "Done"
    third = run_sync(roadmap.token)

    assert third.returncode == 0, third.stderr
    roadmap.popular.refresh_from_db()
    assert roadmap.popular.status == Idea.Status.SHIPPED
    shipped = StatusChange.objects.get(idea=roadmap.popular, to_status=Idea.Status.SHIPPED)
    assert (shipped.from_status, shipped.actor) == (Idea.Status.IN_PROGRESS, roadmap.moderator)
    assert popular_key in shipped.message
    assert len(tracker.issues) == 2, "no issue is opened twice"
    assert json.loads(run_sync.state_file.read_text())["last_run"]


@transactional_db
def test_the_sync_script_stops_with_the_apis_message_and_keeps_its_last_state(run_sync, tracker, roadmap):
    read_only = create_api_token(roadmap.moderator, roadmap.moderator, name="Read only", can_write=False)[1]

    result = run_sync(read_only)

    assert result.returncode != 0
    assert "(403): This token may only read; make one with write access." in result.stderr
    assert not TrackerLink.objects.exists()
    assert not run_sync.state_file.exists(), "the next run starts from the same point"


@transactional_db
def test_the_sync_script_waits_when_rate_limited_and_carries_on(run_sync, tracker, roadmap, settings):
    settings.API_RATE_LIMIT = "1/second"

    result = run_sync(roadmap.token)

    assert result.returncode == 0, result.stderr
    assert len(tracker.issues) == 2
    assert {key for _title, key, _state in links()} == set(tracker.issues)


@pytest.fixture
def receiver() -> dict:
    """The guide's webhook block, loaded as a module would be (its server is not started)."""
    namespace = {"__name__": "groundswell_receiver"}
    exec(python_blocks()[1], namespace)  # noqa: S102 -- our own documentation's code
    return namespace


def test_verify_signature_accepts_what_groundswell_signs(receiver):
    timestamp, body = str(int(time.time())), b'{"event": "idea.created"}'

    assert receiver["verify_signature"]("s3cret", timestamp, body, signature("s3cret", timestamp, body))


def test_verify_signature_rejects_a_tampered_body_another_secret_and_an_old_timestamp(receiver):
    now, body = int(time.time()), b'{"event": "idea.created"}'
    fresh, old = str(now), str(now - 301)

    assert not receiver["verify_signature"]("s3cret", fresh, body + b" ", signature("s3cret", fresh, body))
    assert not receiver["verify_signature"]("s3cret", fresh, body, signature("other", fresh, body))
    assert not receiver["verify_signature"]("s3cret", old, body, signature("s3cret", old, body))
    assert not receiver["verify_signature"]("s3cret", None, body, None)


def test_the_receiver_handles_each_signed_delivery_once_and_refuses_unsigned_ones(receiver, monkeypatch):
    handled = []
    monkeypatch.setitem(receiver, "handle", handled.append)
    monkeypatch.setattr(receiver["Receiver"], "secret", "s3cret")
    server = ThreadingHTTPServer(("127.0.0.1", 0), receiver["Receiver"])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"

    def deliver(body: bytes, secret: str) -> int:
        timestamp = str(int(time.time()))
        headers = {
            "X-Groundswell-Event": "idea.created",
            "X-Groundswell-Delivery": "6f1c2bb0-7d5e-4d1f-9a53-1b8e4f0c2a11",
            "X-Groundswell-Timestamp": timestamp,
            "X-Groundswell-Signature": signature(secret, timestamp, body),
        }
        try:
            with DIRECT.open(urllib.request.Request(url, body, headers, method="POST"), timeout=10) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    body = json.dumps({"event": "idea.created", "delivery": "6f1c2bb0-7d5e-4d1f-9a53-1b8e4f0c2a11", "data": {}})
    try:
        answers = [deliver(body.encode(), "wrong"), deliver(body.encode(), "s3cret"), deliver(body.encode(), "s3cret")]
    finally:
        server.shutdown()
        server.server_close()

    assert answers == [401, 204, 204]
    assert [payload["event"] for payload in handled] == ["idea.created"]
