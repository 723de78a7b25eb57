"""The worker's side of webhooks: sending a delivery, once per try, out of any web request.

`deliver_webhook` makes one HTTP POST and records it as a WebhookAttempt; on a network
error, a 5xx or a 429 it queues itself again with an exponential backoff, in the same
transaction as the attempt. A delivery that is no longer pending is never sent again
unless someone asks for it (`webhook_services.redeliver`). A worker killed in the middle
of a try leaves its delivery pending and overdue: `resend_overdue_deliveries` (the
`resend_overdue_webhooks` command, run by cron) queues it again, with the same delivery
id, so a receiver that dedupes on that id sees each event once.
"""

import json
import random
import time
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from api import selectors, ssrf
from api.models import Webhook, WebhookAttempt, WebhookDelivery
from api.signing import signature
from community import access
from community.site_url import absolute_url

TIMEOUT_SECONDS = 10
# Waits before the 2nd, 3rd … try: seven tries over about a day.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=4),
    timedelta(hours=8),
    timedelta(hours=12),
)
MAX_TRIES = len(RETRY_DELAYS) + 1
FAILED_DELIVERIES_BEFORE_DISABLING = 10
EXCERPT_LENGTH = 500
# A try that should have run this long ago was lost with its worker.
OVERDUE_AFTER = timedelta(minutes=15)


@task()
def deliver_webhook(delivery_pk: int, try_number: int = 1) -> None:
    """Try to send one delivery; a failure worth retrying queues the next try."""
    deliver(delivery_pk, try_number)


@dataclass(frozen=True)
class Outcome:
    """What one try came to: the receiver's answer, or why nothing was sent or heard."""

    status_code: int | None = None
    excerpt: str = ""
    error: str = ""
    duration_ms: int = 0
    network_error: bool = False
    # False when nothing was wrong with the receiver (the owner lost access, the idea is gone).
    receiver_at_fault: bool = True

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def worth_retrying(self) -> bool:
        return self.network_error or self.status_code == 429 or (self.status_code or 0) >= 500


def retry_delay(try_number: int) -> timedelta:
    """How long to wait after try `try_number` failed, with jitter so retries do not stampede."""
    delay = RETRY_DELAYS[min(try_number, len(RETRY_DELAYS)) - 1]
    return delay * random.uniform(0.8, 1.2)  # noqa: S311 -- jitter, not secrecy


def _refusal(delivery: WebhookDelivery) -> Outcome | None:
    """Why `delivery` may not be sent now, if it may not."""
    webhook = delivery.webhook
    if not webhook.active:
        return Outcome(error=_("The webhook is turned off."), receiver_at_fault=False)
    idea = selectors.idea_for_event(delivery.idea_id) if delivery.idea_id else None
    if idea is None or not webhook.owner.is_active or not access.can_view(webhook.owner, idea):
        return Outcome(error=_("The webhook's owner may no longer see this idea."), receiver_at_fault=False)
    try:
        ssrf.check_url(webhook.url)
    except ssrf.UnsafeDestination as refusal:
        return Outcome(error=_("Refused: %(reason)s") % {"reason": refusal})
    return None


def _read_excerpt(response: requests.Response) -> str:
    """The start of the answer: enough to show, never the whole of a large one."""
    start = next(response.iter_content(chunk_size=EXCERPT_LENGTH * 4), b"")
    return start.decode(response.encoding or "utf-8", errors="replace")[:EXCERPT_LENGTH]


def _post(delivery: WebhookDelivery) -> Outcome:
    """POST the delivery's payload, signed, without following redirects."""
    webhook = delivery.webhook
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Groundswell-Webhooks/1",
        "X-Groundswell-Event": delivery.event,
        "X-Groundswell-Delivery": str(delivery.delivery_id),
        "X-Groundswell-Timestamp": timestamp,
        "X-Groundswell-Signature": signature(webhook.secret, timestamp, body),
    }
    started = time.monotonic()

    def elapsed_ms() -> int:
        return round((time.monotonic() - started) * 1000)

    try:
        with (
            ssrf.guarded_session() as session,
            session.post(
                webhook.url, data=body, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False, stream=True
            ) as response,
        ):
            excerpt = _read_excerpt(response)
    except ssrf.UnsafeDestination as refusal:
        return Outcome(error=_("Refused: %(reason)s") % {"reason": refusal}, duration_ms=elapsed_ms())
    except requests.RequestException as error:
        return Outcome(error=str(error)[:EXCERPT_LENGTH], network_error=True, duration_ms=elapsed_ms())
    return Outcome(status_code=response.status_code, excerpt=excerpt, duration_ms=elapsed_ms())


def deliver(delivery_pk: int, try_number: int = 1) -> None:
    """Try once to send a pending delivery and record how it went (the task's work).

    Nothing is sent for a delivery that is no longer pending, nor when its owner may no
    longer see the idea or its URL now leads to a private address.
    """
    delivery = selectors.pending_delivery(delivery_pk)
    if delivery is None:
        return
    outcome = _refusal(delivery) or _post(delivery)
    _record_attempt(delivery, outcome, try_number)


@transaction.atomic
def _record_attempt(delivery: WebhookDelivery, outcome: Outcome, try_number: int) -> None:
    webhook = Webhook.objects.select_for_update().select_related("owner").filter(pk=delivery.webhook_id).first()
    delivery = WebhookDelivery.objects.select_for_update().filter(pk=delivery.pk).first()
    if webhook is None or delivery is None:
        return  # deleted while it was being sent
    now = timezone.now()
    WebhookAttempt.objects.create(
        delivery=delivery,
        attempted_at=now,
        status_code=outcome.status_code,
        response_excerpt=outcome.excerpt,
        error=outcome.error[:EXCERPT_LENGTH],
        duration_ms=outcome.duration_ms,
    )
    delivery.attempts += 1
    if outcome.delivered:
        delivery.state = WebhookDelivery.State.DELIVERED
        delivery.delivered_at = now
        webhook.consecutive_failures = 0
    elif outcome.worth_retrying and try_number < MAX_TRIES and webhook.active:
        delivery.next_attempt_at = now + retry_delay(try_number)
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk, try_number + 1)
    else:
        delivery.state = WebhookDelivery.State.FAILED
        if outcome.receiver_at_fault:
            webhook.consecutive_failures += 1
    delivery.save(update_fields=["attempts", "state", "delivered_at", "next_attempt_at"])
    if webhook.active and outcome.status_code == 410:
        _turn_off(webhook, _("The receiver answered 410 Gone."))
    elif webhook.active and webhook.consecutive_failures >= FAILED_DELIVERIES_BEFORE_DISABLING:
        _turn_off(
            webhook,
            _("%(count)s deliveries in a row failed.") % {"count": webhook.consecutive_failures},
        )
    webhook.save(update_fields=["active", "disabled_reason", "consecutive_failures"])


def _turn_off(webhook: Webhook, reason: str) -> None:
    """Stop a webhook whose receiver is gone or keeps failing, and tell its owner why."""
    webhook.active = False
    webhook.disabled_reason = reason[:200]
    link = absolute_url(reverse("webhooks:edit", args=[webhook.pk]))
    send_mail(
        _("Your webhook was turned off"),
        _(
            "Deliveries to %(url)s stopped: %(reason)s\n\n"
            "Once the receiver works again, turn the webhook back on and send again what it missed: %(link)s"
        )
        % {"url": webhook.url, "reason": reason, "link": link},
        settings.DEFAULT_FROM_EMAIL,
        [webhook.owner.email],
    )


@transaction.atomic
def resend_overdue_deliveries() -> int:
    """Queue again every pending delivery whose try is long overdue; returns how many."""
    now = timezone.now()
    overdue = list(selectors.overdue_deliveries(now - OVERDUE_AFTER))
    for delivery in overdue:
        delivery.next_attempt_at = now
        delivery.save(update_fields=["next_attempt_at"])
        deliver_webhook.enqueue(delivery.pk, delivery.attempts + 1)
    return len(overdue)
