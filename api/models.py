"""What the REST API keeps: the tokens integrations use, and the webhooks they receive."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import Space

TOKEN_PREFIX = "gs_"  # noqa: S105 -- marks our tokens in secret scanners, not a secret


def hash_token(key: str) -> str:
    """Tokens are long random strings, so one SHA-256 is enough to store them safely."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token: acts as its user, read-only unless `can_write`, narrowed to `spaces` if any.

    Only a hash is stored; the token itself is shown once, when it is made
    (`api.services.create_api_token`). `status_mapping` is the integration's choice of
    which tracker states move an idea to which status (e.g. {"Done": "shipped"}).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="integration_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    can_write = models.BooleanField(_("may write"), default=False)
    spaces = models.ManyToManyField(
        Space, blank=True, related_name="+", help_text=_("Leave empty for every space its user may see.")
    )
    status_mapping = models.JSONField(
        _("tracker states to idea statuses"),
        default=dict,
        blank=True,
        help_text=_('For example {"Done": "shipped", "In Progress": "in_progress"}.'),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def new_key() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)


class Webhook(models.Model):
    """An address that hears about ideas: signed JSON POSTs, sent by the task worker."""

    class Event(models.TextChoices):
        """The names are part of the API contract."""

        IDEA_CREATED = "idea.created", _("An idea was posted")
        IDEA_UPDATED = "idea.updated", _("An idea changed")
        IDEA_STATUS_CHANGED = "idea.status_changed", _("An idea changed status")
        IDEA_MERGED = "idea.merged", _("An idea was merged into another")
        COMMENT_CREATED = "comment.created", _("A comment was posted")
        IDEA_VOTES_REACHED = "idea.votes_reached", _("An idea reached the vote threshold")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(_("secret"), max_length=100, default="", blank=True)
    votes_threshold = models.PositiveIntegerField(
        _("vote threshold"), null=True, blank=True, help_text=_("For idea.votes_reached.")
    )
    active = models.BooleanField(_("active"), default=True)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    disabled_reason = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)


class WebhookDelivery(models.Model):
    """One event for one webhook; `delivery_id` stays the same on every retry."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(max_length=40, choices=Webhook.Event)
    idea_id = models.PositiveBigIntegerField(null=True, blank=True, help_text=_("The idea the event is about."))
    payload = models.JSONField()
    state = models.CharField(max_length=16, choices=State, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the next try is due, while the delivery is pending.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["webhook", "event", "idea_id"], name="delivery_webhook_event_idea"),
            models.Index(fields=["state", "next_attempt_at"], name="delivery_due"),
        ]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event} {self.delivery_id}"


class WebhookAttempt(models.Model):
    """One try at a delivery: what the receiver answered, or why it could not be reached."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log")
    attempted_at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["attempted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.delivery_id}: {self.status_code or self.error}"
