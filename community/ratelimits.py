"""How often people may post: ideas, comments, votes and reports, per person and per address.

Pages and the API call `limit_rate` before the service, so a request over a limit writes nothing;
the portal answers it with 429 and `Retry-After` (portal.middleware.SlowDownMiddleware, api.errors).
The counters live in the shared cache (RATELIMIT_USE_CACHE: Redis in production), so every worker
counts together. The limits (RATE_LIMITS) follow the trust level: new accounts get few, trusted
people many, staff none (they import in bulk through the API, whose per-token limit still holds).

An address is counted per trust level: a hundred fresh accounts behind one address share one
allowance, while the trusted people of an office behind the same address are not held up by them.
"""

import ipaddress
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


def limit_rate(request, action: str) -> None:
    """Count one `action` (submit, comment, vote or report) by the requester, per person and per
    address; raise RateLimited if either is over its limit."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown rate-limited action {action!r}.")
    user = request.user
    if access.is_exempt_from_rate_limits(user):
        return
    level = access.trust_level(user)
    rates = settings.RATE_LIMITS[action][level]
    counters = [(f"ip.{level}", client_ip(request))]
    if user.is_authenticated:
        counters.append(("user", str(user.pk)))
    waits = []
    for scope, value in counters:
        usage = get_usage(
            request,
            group=f"groundswell.{action}.{scope}",
            key=lambda _group, _request, value=value: value,
            rate=rates[scope.partition(".")[0]],
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            waits.append(usage["time_left"])
    if waits:
        raise RateLimited(action, max(waits))
