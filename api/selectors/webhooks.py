"""Reads for webhooks: which webhooks hear an event, and what staff see of them."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from api.models import Webhook, WebhookAttempt, WebhookDelivery
from ideas.models import Idea


def all_webhooks() -> QuerySet[Webhook]:
    """Every webhook, with its owner, for staff (the caller checks who may ask)."""
    return Webhook.objects.select_related("owner__profile")


def webhook_by_pk(pk: int) -> Webhook:
    found = all_webhooks().filter(pk=pk).first()
    if found is None:
        raise Http404("No webhook matches the given query.")
    return found


def webhooks_for_event(event: str) -> list[Webhook]:
    """Active webhooks of active owners that subscribed to `event`.

    `events` is a JSON list, which not every database can search, and webhooks are
    few: they are filtered here rather than in SQL.
    """
    active = Webhook.objects.filter(active=True, owner__is_active=True).select_related("owner__profile")
    return [hook for hook in active if event in hook.events]


def has_delivery(webhook: Webhook, event: str, idea_id: int) -> bool:
    return WebhookDelivery.objects.filter(webhook=webhook, event=event, idea_id=idea_id).exists()


def deliveries_of(webhook: Webhook) -> QuerySet[WebhookDelivery]:
    """A webhook's deliveries, newest first, each with its attempts."""
    return WebhookDelivery.objects.filter(webhook=webhook).prefetch_related(
        Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("attempted_at", "pk"))
    )


def delivery_of(webhook: Webhook, delivery_id) -> WebhookDelivery:
    """One of a webhook's deliveries by its delivery id (a UUID), or Http404."""
    found = deliveries_of(webhook).filter(delivery_id=delivery_id).first()
    if found is None:
        raise Http404("No delivery matches the given query.")
    return found


def idea_for_event(pk: int) -> Idea | None:
    """The idea an event is about, as it is now, with what a payload shows; None once it is gone.

    Not filtered by anyone's access: the caller checks, for each webhook owner.
    """
    return (
        Idea.objects.select_related("space", "category", "author__profile", "campaign")
        .prefetch_related("tags", "tracker_links")
        .filter(pk=pk)
        .first()
    )


def pending_delivery(pk: int) -> WebhookDelivery | None:
    """A delivery still to be sent, with its webhook and owner; None once it was sent or given up."""
    return (
        WebhookDelivery.objects.select_related("webhook__owner")
        .filter(pk=pk, state=WebhookDelivery.State.PENDING)
        .first()
    )


def overdue_deliveries(due_before) -> QuerySet[WebhookDelivery]:
    """Pending deliveries whose next try was due before `due_before` and never ran."""
    return WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING, next_attempt_at__lt=due_before)
