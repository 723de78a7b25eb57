"""A real HTTP server on 127.0.0.1, in a thread, standing in for an integration's webhook receiver."""

import json
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)


class Receiver:
    """Records every request; answers with the statuses queued by `answer`, then 200."""

    def __init__(self):
        self.requests: list[Received] = []
        self._answers: deque[tuple[int, str, dict]] = deque()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/groundswell"

    def answer(self, *statuses: int, body: str = "", headers: dict | None = None) -> None:
        self._answers.extend((status, body, headers or {}) for status in statuses)

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                receiver.requests.append(Received(self.path, dict(self.headers.items()), self.rfile.read(length)))
                status, body, headers = receiver._answers.popleft() if receiver._answers else (200, "thanks", {})
                payload = body.encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(name="receiver")
def receiver_fixture(settings):
    """A receiver on 127.0.0.1, reachable because private networks are allowed (as in development)."""
    settings.WEBHOOKS_ALLOW_PRIVATE_NETWORKS = True
    with Receiver() as running:
        yield running
