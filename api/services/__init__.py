"""Writes of the API app: tokens and webhooks; every use case is named here."""

from api.services.tokens import (
    LAST_USED_PRECISION,
    create_api_token,
    record_token_use,
    revoke_api_token,
)
from api.services.webhooks import (
    RELATED_SERIALIZERS,
    create_webhook,
    delete_webhook,
    record_event,
    record_votes,
    redeliver,
    update_webhook,
)

__all__ = [
    "LAST_USED_PRECISION",
    "RELATED_SERIALIZERS",
    "create_api_token",
    "create_webhook",
    "delete_webhook",
    "record_event",
    "record_token_use",
    "record_votes",
    "redeliver",
    "revoke_api_token",
    "update_webhook",
]
