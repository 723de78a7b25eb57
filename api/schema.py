"""drf-spectacular hooks: the schema describes the integrations' API and nothing else."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

API_PREFIX = "/api/v1/"


def only_the_api(endpoints, **kwargs):
    """Leave out every URL outside /api/v1/ (Wagtail's own admin API, for one)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Tells the schema how `api.authentication.BearerTokenAuthentication` is used."""

    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "An API token: Authorization: Bearer gs_…"}
