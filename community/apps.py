from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """People and places: accounts, profiles, spaces, memberships and the access rule."""

    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from django.urls import register_converter

        from community import receivers
        from community.converters import IdConverter

        register_converter(IdConverter, "id")
        receivers.connect()
