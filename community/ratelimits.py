"""How often people may post: ideas, comments, votes and reports, per person and per address.

Pages and the API wrap the service call in `within_rate_limit`: it checks the counters before the
service runs, so a request over a limit writes nothing, and counts the action only once the service
accepted it, so refused input (a bad image, an empty title, terms not ticked) uses up no allowance.
The portal answers a request over a limit with 429 and `Retry-After` (portal.middleware.SlowDownMiddleware,
api.errors).
The counters live in the shared cache (RATELIMIT_USE_CACHE: Redis in production), so every worker
counts together. The limits (RATE_LIMITS) follow the trust level: new accounts get few, trusted
people many, staff none (they import in bulk through the API, whose per-token limit still holds).

An address is counted per trust level: a hundred fresh accounts behind one address share one
allowance, while the trusted people of an office behind the same address are not held up by them.
"""

import ipaddress
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from community import access

ACTIONS = ("submit", "comment", "vote", "report")
# An IPv6 client usually holds a whole /64: counting single addresses would let it hop between them.
IPV6_PREFIX = 64


class RateLimited(Exception):
    """Too many `action`s in a short time: nothing was done; try again in `retry_after` seconds."""

    def __init__(self, action: str, retry_after: int):
        self.action = action
        self.retry_after = max(1, int(retry_after))
        super().__init__(self.message)

    @property
    def message(self) -> str:
        done = {
            "submit": _("You have shared many ideas in a short time."),
            "comment": _("You have written many comments in a short time."),
            "vote": _("You have voted many times in a short time."),
            "report": _("You have sent many reports in a short time."),
        }[self.action]
        wait = timeuntil(timezone.now() + timedelta(seconds=self.retry_after), depth=1)
        return _("Slow down: %(done)s Nothing was saved. Please try again in %(wait)s.") % {
            "done": done,
            "wait": wait,
        }


def client_ip(request) -> str:
    """The address the request came from, past NUM_PROXIES proxies; an IPv6 address as its /64."""
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if settings.NUM_PROXIES and forwarded:
        address = forwarded[-min(settings.NUM_PROXIES, len(forwarded))]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False).network_address)
    return str(ip)


def _counters(request, action: str) -> list[dict]:
    """The arguments of django-ratelimit's `get_usage` for each counter `action` by the requester
    goes on: their person (if signed in) and their address at their trust level; none for staff."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown rate-limited action {action!r}.")
    user = request.user
    if access.is_exempt_from_rate_limits(user):
        return []
    level = access.trust_level(user)
    rates = settings.RATE_LIMITS[action][level]
    keys = [(f"ip.{level}", client_ip(request))]
    if user.is_authenticated:
        keys.append(("user", str(user.pk)))
    return [
        {
            "group": f"groundswell.{action}.{scope}",
            "key": lambda _group, _request, value=value: value,
            "rate": rates[scope.partition(".")[0]],
        }
        for scope, value in keys
    ]


@contextmanager
def within_rate_limit(request, action: str):
    """Around the service that does `action` (submit, comment, vote or report): raise RateLimited
    before it if the requester used up their allowance, per person or per address; count the action
    after it only if it returned (an exception, such as a refusal of the input, counts nothing).

    The check peeks at the counters without moving them and the count comes after the service, so
    requests of one person (or address) in flight at the same moment may all pass the check at the
    last free place: an allowance is overrun by at most the number of such requests running
    concurrently, which the server's workers bound, and only while they run; every accepted action
    is still counted (the cache increments atomically), so the next check sees them all.
    """
    counters = _counters(request, action)
    waits = []
    for counter in counters:
        usage = get_usage(request, **counter, increment=False)
        # Peeking, `count` is what was already accepted: the limit is reached when it equals it.
        if usage is not None and usage["count"] >= usage["limit"]:
            waits.append(usage["time_left"])
    if waits:
        raise RateLimited(action, max(waits))
    yield
    for counter in counters:
        get_usage(request, **counter, increment=True)
