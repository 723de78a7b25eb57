from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project: settings, root URLs, base templates, health check, demo data."""

    name = "portal"
    verbose_name = _("Portal")
