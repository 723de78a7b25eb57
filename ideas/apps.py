from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    """Ideas, votes, comments, statuses, categories, campaigns, merges and search."""

    name = "ideas"
    verbose_name = _("Ideas")

    def ready(self):
        from community import access
        from ideas.models import Idea

        access.register_hideable(Idea)
