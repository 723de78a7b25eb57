"""A small HTTP load generator for the benchmark: threads, each with a keep-alive connection.

Each connection repeats its cycle of requests until the time is up, finishing the cycle
it started (so a vote cast is always retracted again). Latency is measured from sending a
request to having read the whole response.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field

from portal.devdata.bench.middleware import QUERIES_HEADER


@dataclass(frozen=True)
class Request:
    path: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    # One cycle of requests per connection; connection n repeats cycles[n % len(cycles)].
    cycles: tuple[tuple[Request, ...], ...]
    expected_status: int = 200


@dataclass
class Measurement:
    scenario: str
    elapsed: float
    latencies: list[float]
    queries: list[int]
    errors: int

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float) -> float:
        """Latency in milliseconds below which `share` of the answered requests came (nearest rank)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    @property
    def queries_per_request(self) -> float:
        return statistics.fmean(self.queries) if self.queries else 0.0


def measure(port: int, scenario: Scenario, *, duration: float, concurrency: int) -> Measurement:
    """Drive `scenario` on 127.0.0.1:`port` from `concurrency` connections for `duration` seconds."""
    measurements = [Measurement(scenario.name, 0.0, [], [], 0) for _ in range(concurrency)]
    started = time.perf_counter()
    deadline = started + duration
    threads = [
        threading.Thread(
            target=_drive,
            args=(port, scenario.cycles[n % len(scenario.cycles)], scenario.expected_status, deadline, measurements[n]),
            daemon=True,
        )
        for n in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Measurement(
        scenario=scenario.name,
        elapsed=time.perf_counter() - started,
        latencies=[latency for part in measurements for latency in part.latencies],
        queries=[count for part in measurements for count in part.queries],
        errors=sum(part.errors for part in measurements),
    )


def _drive(port: int, cycle: tuple[Request, ...], expected: int, deadline: float, into: Measurement) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        while time.perf_counter() < deadline:
            for request in cycle:
                _send(connection, request, expected, into)
    finally:
        connection.close()


def _send(connection: http.client.HTTPConnection, request: Request, expected: int, into: Measurement) -> None:
    started = time.perf_counter()
    try:
        connection.request(request.method, request.path, body=request.body, headers=request.headers)
        response = connection.getresponse()
        response.read()
    except (http.client.HTTPException, OSError):
        # The next request opens a new connection.
        connection.close()
        into.errors += 1
        return
    if response.status != expected:
        into.errors += 1
        return
    into.latencies.append(time.perf_counter() - started)
    into.queries.append(int(response.getheader(QUERIES_HEADER, "0")))
    if response.will_close:
        connection.close()
