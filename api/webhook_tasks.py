"""The background work of webhooks: sending a delivery, out of any web request."""

from django_tasks import task

from api import webhook_services


@task()
def deliver_webhook(delivery_pk: int, try_number: int = 1) -> None:
    """Try to send one delivery; a failure worth retrying queues the next try (see webhook_services)."""
    webhook_services.deliver(delivery_pk, try_number)
