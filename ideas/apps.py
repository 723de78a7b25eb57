from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    """Ideas, votes, comments, statuses, categories, campaigns, merges and search."""

    name = "ideas"
    verbose_name = _("Ideas")
