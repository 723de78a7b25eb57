"""Tracker links: an integration reports the state of the issue that carries an idea forward."""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from api.models import ApiToken
from api.serializers import ideas as api_serializers
from ideas import selectors, services


def integration_mapping(request) -> dict | None:
    """The tracker-state mapping of the calling integration (its token), if it set one."""
    token = request.auth
    return token.status_mapping if isinstance(token, ApiToken) and token.status_mapping else None


@extend_schema(tags=["tracker links"])
class TrackerLinkViewSet(viewsets.GenericViewSet):
    serializer_class = api_serializers.TrackerLinkSerializer
    lookup_value_converter = "id"
    http_method_names = ["patch", "delete", "options"]

    @extend_schema(request=api_serializers.TrackerLinkUpdateSerializer)
    def partial_update(self, request, pk=None):
        """The issue's new state; the idea moves if the integration's mapping says so."""
        link = selectors.tracker_link_for(request.user, pk)
        given = api_serializers.TrackerLinkUpdateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        link = services.update_tracker_link(
            request.user, link, state=given.validated_data["state"], status_mapping=integration_mapping(request)
        )
        return Response(self.get_serializer(link).data)

    def destroy(self, request, pk=None):
        services.unlink_tracker(request.user, selectors.tracker_link_for(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
