"""Webhooks in the API (staff): manage them, see their deliveries, send one again."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from api import selectors, services
from api.models import ApiToken
from api.permissions import ManagesWebhooks, SignedInWithinTokenScope
from api.serializers.webhooks import (
    WebhookDeliverySerializer,
    WebhookInputSerializer,
    WebhookSerializer,
    WebhookWithSecretSerializer,
)


class NotLimitedToSpaces(BasePermission):
    """Webhooks hear about every space their owner sees: a token narrowed to some spaces may not manage them."""

    message = _("A token limited to some spaces cannot manage webhooks.")

    def has_permission(self, request, view) -> bool:
        return not (isinstance(request.auth, ApiToken) and request.auth.spaces.all())


@extend_schema(tags=["webhooks"])
class WebhookViewSet(viewsets.GenericViewSet):
    permission_classes = [SignedInWithinTokenScope, ManagesWebhooks, NotLimitedToSpaces]
    serializer_class = WebhookSerializer
    lookup_value_converter = "id"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.all_webhooks()

    def _webhook(self, pk):
        return selectors.webhook_by_pk(int(pk))

    def list(self, request):
        """Every webhook, newest first (the secrets only on each webhook's own page)."""
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=WebhookInputSerializer, responses={201: WebhookWithSecretSerializer})
    def create(self, request):
        """Add a webhook, owned by the caller; the answer shows its secret."""
        given = WebhookInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        webhook = services.create_webhook(request.user, **given.validated_data)
        return Response(self._with_secret(webhook), status=status.HTTP_201_CREATED)

    @extend_schema(responses=WebhookWithSecretSerializer)
    def retrieve(self, request, pk=None):
        return Response(self._with_secret(self._webhook(pk)))

    @extend_schema(request=WebhookInputSerializer(partial=True), responses=WebhookWithSecretSerializer)
    def partial_update(self, request, pk=None):
        """Change what is sent; `"active": true` turns a webhook back on after it was turned off."""
        webhook = self._webhook(pk)
        given = WebhookInputSerializer(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        webhook = services.update_webhook(request.user, webhook, **given.validated_data)
        return Response(self._with_secret(webhook))

    def destroy(self, request, pk=None):
        services.delete_webhook(request.user, self._webhook(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=WebhookDeliverySerializer(many=True))
    @action(detail=True, methods=["get"], serializer_class=WebhookDeliverySerializer)
    def deliveries(self, request, pk=None):
        """The webhook's deliveries, newest first, each with its attempts."""
        page = self.paginate_queryset(selectors.deliveries_of(self._webhook(pk)))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=None, responses={202: WebhookDeliverySerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="deliveries/<uuid:delivery_id>/redeliver",
        serializer_class=WebhookDeliverySerializer,
    )
    def redeliver(self, request, pk=None, delivery_id=None):
        """Send a delivered or failed delivery again, with the same delivery id."""
        delivery = selectors.delivery_of(self._webhook(pk), delivery_id)
        delivery = services.redeliver(request.user, delivery)
        return Response(
            self.get_serializer(selectors.delivery_of(delivery.webhook, delivery.delivery_id)).data,
            status=status.HTTP_202_ACCEPTED,
        )

    def _with_secret(self, webhook) -> dict:
        return WebhookWithSecretSerializer(webhook, context=self.get_serializer_context()).data
