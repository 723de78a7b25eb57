"""Reads of the API app: tokens and webhooks; every read is named here."""

from api.selectors.tokens import (
    account_named,
    active_token_for,
    spaces_named,
    tokens_for_back_office,
)
from api.selectors.webhooks import (
    all_webhooks,
    deliveries_of,
    delivery_of,
    has_delivery,
    idea_for_event,
    overdue_deliveries,
    pending_delivery,
    webhook_by_pk,
    webhooks_for_event,
)

__all__ = [
    "account_named",
    "active_token_for",
    "all_webhooks",
    "deliveries_of",
    "delivery_of",
    "has_delivery",
    "idea_for_event",
    "overdue_deliveries",
    "pending_delivery",
    "spaces_named",
    "tokens_for_back_office",
    "webhook_by_pk",
    "webhooks_for_event",
]
