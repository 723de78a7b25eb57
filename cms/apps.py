from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The Wagtail pages of the public site, run by editors."""

    name = "cms"
    verbose_name = _("Site pages")

    def ready(self) -> None:
        from cms import receivers

        receivers.connect()
