"""What webhooks hear: the ideas app's signals, turned into deliveries.

The signals are sent inside the transaction of the change, so the deliveries and their
tasks are written in it too (see api.services.webhooks). Connected by `connect()`, from ApiConfig.ready().
"""

from api import services
from api.models import Webhook
from ideas import signals


def idea_created(sender, idea, **kwargs):
    services.record_event(Webhook.Event.IDEA_CREATED, idea)


def idea_updated(sender, idea, **kwargs):
    services.record_event(Webhook.Event.IDEA_UPDATED, idea)


def idea_status_changed(sender, idea, change, **kwargs):
    services.record_event(Webhook.Event.IDEA_STATUS_CHANGED, idea, status_change=change)


def comment_created(sender, idea, comment, **kwargs):
    services.record_event(Webhook.Event.COMMENT_CREATED, idea, comment=comment)


def idea_voted(sender, idea, **kwargs):
    services.record_votes(idea)


def idea_merged(sender, idea, **kwargs):
    """The source idea, whose `merged_into` is where its votes went."""
    services.record_event(Webhook.Event.IDEA_MERGED, idea)


def idea_unmerged(sender, idea, **kwargs):
    """Its status and `merged_into` changed back: an update, there is no event of its own."""
    services.record_event(Webhook.Event.IDEA_UPDATED, idea)


def connect() -> None:
    signals.idea_created.connect(idea_created, dispatch_uid="webhooks.idea_created")
    signals.idea_updated.connect(idea_updated, dispatch_uid="webhooks.idea_updated")
    signals.idea_status_changed.connect(idea_status_changed, dispatch_uid="webhooks.idea_status_changed")
    signals.comment_created.connect(comment_created, dispatch_uid="webhooks.comment_created")
    signals.idea_voted.connect(idea_voted, dispatch_uid="webhooks.idea_voted")
    signals.idea_merged.connect(idea_merged, dispatch_uid="webhooks.idea_merged")
    signals.idea_unmerged.connect(idea_unmerged, dispatch_uid="webhooks.idea_unmerged")
