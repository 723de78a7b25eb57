from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API for R&D integrations: tokens, viewsets, webhooks, OpenAPI schema."""

    name = "api"
    verbose_name = _("REST API")

    def ready(self):
        # Registers the bearer-token scheme with drf-spectacular; connects the webhooks to the ideas signals.
        from api import personal_data as api_personal_data
        from api import schema, webhook_events  # noqa: F401
        from community import personal_data

        personal_data.register("api", exporter=api_personal_data.export, eraser=api_personal_data.erase)
