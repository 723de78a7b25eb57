"""What the API shows and accepts of webhooks. Field names are the integrations' contract.

Input is checked by the services (the admin uses the same ones), so these serializers
only describe its shape; `secret` is shown when a webhook is made and on its own page.
"""

from rest_framework import serializers

from api.models import Webhook, WebhookAttempt, WebhookDelivery
from api.serializers.ideas import PersonSerializer

EVENTS_HELP = "Any of: " + ", ".join(Webhook.Event.values) + "."


class WebhookSerializer(serializers.ModelSerializer):
    owner = PersonSerializer()

    class Meta:
        model = Webhook
        fields = [
            "id",
            "url",
            "events",
            "votes_threshold",
            "active",
            "disabled_reason",
            "consecutive_failures",
            "owner",
            "created_at",
        ]
        read_only_fields = fields


class WebhookWithSecretSerializer(WebhookSerializer):
    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookInputSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=500, help_text="Where to POST the events: a public http(s) URL.")
    events = serializers.ListField(child=serializers.CharField(max_length=40), help_text=EVENTS_HELP)
    secret = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="Signs each delivery. Leave it out (or send it empty) to get a new random one.",
    )
    votes_threshold = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**31 - 1,  # the column's range (PositiveIntegerField): more is a 400, not a database error
        help_text="For idea.votes_reached: the number of votes.",
    )
    active = serializers.BooleanField(required=False, help_text="Turning a webhook back on forgets its failures.")


class WebhookAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["attempted_at", "status_code", "response_excerpt", "error", "duration_ms"]
        read_only_fields = fields


class WebhookDeliverySerializer(serializers.ModelSerializer):
    attempts = WebhookAttemptSerializer(source="attempt_log", many=True)

    class Meta:
        model = WebhookDelivery
        fields = ["delivery_id", "event", "idea_id", "state", "created_at", "delivered_at", "payload", "attempts"]
        read_only_fields = fields
