"""Writes for webhooks: managing them, recording the events they hear, sending them again.

Events are recorded by `api.receivers` inside the transaction of the change they
report: a WebhookDelivery row with its payload, and the task that sends it. Rolled back
together, or committed together — a rolled-back change sends nothing, a committed one
cannot lose its delivery. The worker's side is `api.webhook_delivery`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api import selectors, ssrf
from api.models import Webhook, WebhookDelivery
from api.serializers.ideas import CommentSerializer, IdeaSerializer, StatusChangeSerializer
from api.webhook_delivery import deliver_webhook
from community import access
from community.models import User
from ideas.models import Idea
from ideas.services import Conflict

RELATED_SERIALIZERS = {"comment": CommentSerializer, "status_change": StatusChangeSerializer}

_KEEP = object()
_url_validator = URLValidator(schemes=["http", "https"])


def _require_staff(actor: User) -> None:
    if not access.can_manage_webhooks(actor):
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
    idea = selectors.idea_for_event(idea.pk)
    deliveries = []
    for webhook in webhooks:
        if not access.can_view(webhook.owner, idea):
            continue
        delivery = WebhookDelivery(webhook=webhook, event=event, idea_id=idea.pk)
        delivery.payload = _payload(webhook, delivery, idea, related)
        delivery.save()
        deliver_webhook.enqueue(delivery.pk)
        deliveries.append(delivery)
    return deliveries


@transaction.atomic
def record_event(event: str, idea: Idea, **related) -> list[WebhookDelivery]:
    """Queue `event` about `idea` for every webhook that wants it; `related` adds to the
    payload (`comment=`, `status_change=`)."""
    return _record(event, idea, selectors.webhooks_for_event(event), related)


@transaction.atomic
def record_votes(idea: Idea) -> list[WebhookDelivery]:
    """After a vote: idea.votes_reached, for each webhook whose threshold `idea.vote_count`
    just reached — once per idea, even if votes are taken back and cast again."""
    event = Webhook.Event.IDEA_VOTES_REACHED
    reached = [
        webhook
        for webhook in selectors.webhooks_for_event(event)
        if webhook.votes_threshold == idea.vote_count and not selectors.has_delivery(webhook, event, idea.pk)
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
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["state", "delivered_at", "next_attempt_at"])
    deliver_webhook.enqueue(delivery.pk)
    return delivery
