"""Writes for webhooks: managing them, recording the events they hear, and delivering them.

Events are recorded by `api.webhook_events` inside the transaction of the change they
report: a WebhookDelivery row with its payload, and the task that sends it. Rolled back
together, or committed together — a rolled-back change sends nothing, a committed one
cannot lose its delivery. The worker then calls `deliver`: one HTTP POST, recorded as a
WebhookAttempt; on a network error, a 5xx or a 429 the task is queued again with an
exponential backoff, in the same transaction as the attempt. A delivery that is no
longer pending is never sent again unless someone asks for it (`redeliver`), so
running a task twice (a worker killed mid-delivery) sends it at most once more.
"""

import json
import random
import time
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from api import ssrf, webhook_selectors, webhook_tasks
from api.models import Webhook, WebhookAttempt, WebhookDelivery
from api.serializers import CommentSerializer, IdeaSerializer, StatusChangeSerializer
from api.signing import signature
from community import access
from community.models import User
from community.notifications import absolute_url
from ideas.models import Idea
from ideas.services import Conflict

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
RELATED_SERIALIZERS = {"comment": CommentSerializer, "status_change": StatusChangeSerializer}

_KEEP = object()
_url_validator = URLValidator(schemes=["http", "https"])


def _require_staff(actor: User) -> None:
    if not (actor.is_authenticated and actor.is_staff):
        raise PermissionDenied(_("Only staff may manage webhooks."))


def _clean_url(url: str) -> str:
    url = str(url).strip()
    try:
        _url_validator(url)
    except ValidationError as error:
        raise ValidationError({"url": _("Enter a valid http:// or https:// URL.")}) from error
    if len(url) > Webhook._meta.get_field("url").max_length:
        raise ValidationError({"url": _("Use a URL of at most 500 characters.")})
    return url


def _check_destination(url: str) -> None:
    try:
        ssrf.check_url(url)
    except ssrf.UnsafeDestination as refusal:
        raise ValidationError({"url": str(refusal)}) from refusal


def _clean_events(events) -> list[str]:
    if isinstance(events, str) or not events:
        raise ValidationError({"events": _("Choose at least one event.")})
    unknown = sorted({str(event) for event in events} - set(Webhook.Event.values))
    if unknown:
        raise ValidationError(
            {
                "events": _("Unknown events: %(unknown)s. Choose from %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(Webhook.Event.values)}
            }
        )
    return list(dict.fromkeys(events))


def _clean_secret(secret: str) -> str:
    """The given secret, or a new random one when none is given."""
    secret = str(secret or "").strip()
    if len(secret) > Webhook._meta.get_field("secret").max_length:
        raise ValidationError({"secret": _("Use a secret of at most 100 characters.")})
    return secret or Webhook.new_secret()


def _clean_threshold(events: list[str], threshold: int | None) -> int | None:
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1):
        raise ValidationError({"votes_threshold": _("Use a whole number of votes, at least 1.")})
    if threshold is None and Webhook.Event.IDEA_VOTES_REACHED in events:
        raise ValidationError({"votes_threshold": _("Set the number of votes for idea.votes_reached.")})
    return threshold


@transaction.atomic
def create_webhook(
    actor: User,
    *,
    url: str,
    events: list[str],
    secret: str = "",
    votes_threshold: int | None = None,
    active: bool = True,
) -> Webhook:
    """A webhook owned by `actor` (staff); a secret is made for it unless one is given."""
    _require_staff(actor)
    url = _clean_url(url)
    events = _clean_events(events)
    webhook = Webhook(
        owner=actor,
        url=url,
        events=events,
        secret=_clean_secret(secret),
        votes_threshold=_clean_threshold(events, votes_threshold),
        active=bool(active),
    )
    _check_destination(url)
    webhook.save()
    return webhook


@transaction.atomic
def update_webhook(
    actor: User,
    webhook: Webhook,
    *,
    url: str = _KEEP,
    events: list[str] = _KEEP,
    secret: str = _KEEP,
    votes_threshold: int | None = _KEEP,
    active: bool = _KEEP,
) -> Webhook:
    """Change what is given. An empty secret makes a new one; turning a webhook back on
    forgets its failures. A new URL, or one turned back on, is checked again."""
    _require_staff(actor)
    webhook = Webhook.objects.select_for_update().get(pk=webhook.pk)
    if url is not _KEEP:
        webhook.url = _clean_url(url)
    if events is not _KEEP:
        webhook.events = _clean_events(events)
    if secret is not _KEEP:
        webhook.secret = _clean_secret(secret)
    if votes_threshold is not _KEEP:
        webhook.votes_threshold = votes_threshold
    webhook.votes_threshold = _clean_threshold(webhook.events, webhook.votes_threshold)
    turned_on = active is not _KEEP and bool(active) and not webhook.active
    if active is not _KEEP:
        webhook.active = bool(active)
    if url is not _KEEP or turned_on:
        _check_destination(webhook.url)
    if turned_on:
        webhook.consecutive_failures = 0
        webhook.disabled_reason = ""
    webhook.save()
    return webhook


@transaction.atomic
def delete_webhook(actor: User, webhook: Webhook) -> None:
    """Remove a webhook with its deliveries; tasks still queued for them then find nothing to do."""
    _require_staff(actor)
    Webhook.objects.filter(pk=webhook.pk).delete()


# --- Recording events (called by the signal receivers, inside the change's transaction) ---


def _payload(webhook: Webhook, delivery: WebhookDelivery, idea: Idea, related: dict) -> dict:
    context = {"viewer": webhook.owner}
    data = {"idea": IdeaSerializer(idea, context=context).data}
    for name, value in related.items():
        data[name] = RELATED_SERIALIZERS[name](value, context=context).data
    return {
        "event": delivery.event,
        "delivery": str(delivery.delivery_id),
        "created_at": delivery.created_at.isoformat(),
        "data": data,
    }


def _record(event: str, idea: Idea, webhooks: list[Webhook], related: dict) -> list[WebhookDelivery]:
    """A delivery, and its task, for each of `webhooks` whose owner may see the idea."""
    if not webhooks:
        return []
    idea = webhook_selectors.idea_for_event(idea.pk)
    deliveries = []
    for webhook in webhooks:
        if not access.can_view(webhook.owner, idea):
            continue
        delivery = WebhookDelivery(webhook=webhook, event=event, idea_id=idea.pk)
        delivery.payload = _payload(webhook, delivery, idea, related)
        delivery.save()
        webhook_tasks.deliver_webhook.enqueue(delivery.pk)
        deliveries.append(delivery)
    return deliveries


@transaction.atomic
def record_event(event: str, idea: Idea, **related) -> list[WebhookDelivery]:
    """Queue `event` about `idea` for every webhook that wants it; `related` adds to the
    payload (`comment=`, `status_change=`)."""
    return _record(event, idea, webhook_selectors.webhooks_for_event(event), related)


@transaction.atomic
def record_votes(idea: Idea) -> list[WebhookDelivery]:
    """After a vote: idea.votes_reached, for each webhook whose threshold `idea.vote_count`
    just reached — once per idea, even if votes are taken back and cast again."""
    event = Webhook.Event.IDEA_VOTES_REACHED
    reached = [
        webhook
        for webhook in webhook_selectors.webhooks_for_event(event)
        if webhook.votes_threshold == idea.vote_count and not webhook_selectors.has_delivery(webhook, event, idea.pk)
    ]
    return _record(event, idea, reached, {})


@transaction.atomic
def redeliver(actor: User, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivered or failed delivery again, with the same delivery id (the receiver
    can tell it is the same event)."""
    _require_staff(actor)
    delivery = WebhookDelivery.objects.select_for_update().select_related("webhook").get(pk=delivery.pk)
    if delivery.state == WebhookDelivery.State.PENDING:
        raise Conflict(_("This delivery is still being tried; it is sent again by itself."))
    if not delivery.webhook.active:
        raise Conflict(_("Turn the webhook on before sending a delivery again."))
    delivery.state = WebhookDelivery.State.PENDING
    delivery.delivered_at = None
    delivery.save(update_fields=["state", "delivered_at"])
    webhook_tasks.deliver_webhook.enqueue(delivery.pk)
    return delivery


# --- Delivering (called by the task worker) ---


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
    idea = webhook_selectors.idea_for_event(delivery.idea_id) if delivery.idea_id else None
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
    delivery = webhook_selectors.pending_delivery(delivery_pk)
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
        webhook_tasks.deliver_webhook.using(run_after=now + retry_delay(try_number)).enqueue(
            delivery.pk, try_number + 1
        )
    else:
        delivery.state = WebhookDelivery.State.FAILED
        if outcome.receiver_at_fault:
            webhook.consecutive_failures += 1
    delivery.save(update_fields=["attempts", "state", "delivered_at"])
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
