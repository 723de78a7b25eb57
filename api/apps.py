from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API for R&D integrations: tokens, viewsets, webhooks, OpenAPI schema."""

    name = "api"
    verbose_name = _("REST API")

    def ready(self):
        # Importing the schema registers the bearer-token scheme with drf-spectacular.
        from api import personal_data as api_personal_data
        from api import receivers, schema  # noqa: F401
        from community import personal_data

        receivers.connect()
        personal_data.register("api", exporter=api_personal_data.export, eraser=api_personal_data.erase)
