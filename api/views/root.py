"""The API's front door: its index, its docs, and the 404 of an unknown path."""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView


@extend_schema(exclude=True)
class NotFound(APIView):
    """Any other path under /api/v1/: a 404 in the API's own shape, not the site's page."""

    def initial(self, request, *args, **kwargs):
        raise exceptions.NotFound()


@extend_schema(exclude=True)
class ApiRoot(APIView):
    """/api/v1/: where everything is, for people finding their way (and the browsable API)."""

    permission_classes = []

    def get(self, request):
        names = {
            "ideas": "api:idea-list",
            "spaces": "api:spaces",
            "categories": "api:categories",
            "statuses": "api:statuses",
            "webhooks": "api:webhook-list",
            "schema": "api:schema",
            "docs": "api:docs",
        }
        return Response({name: reverse(url_name, request=request) for name, url_name in names.items()})


@method_decorator(csp_update({"style-src": ["'unsafe-inline'"]}), name="dispatch")
class ApiDocs(SpectacularSwaggerSplitView):
    """The interactive docs (Swagger UI, from npm). Swagger UI styles its widgets inline; this
    page shows only our own schema, so its policy allows inline styles, and still no inline script."""

    permission_classes = []
    url_name = "api:schema"
