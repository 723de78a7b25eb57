from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    """Ideas, votes, comments, statuses, categories, campaigns, merges and search."""

    name = "ideas"
    verbose_name = _("Ideas")

    def ready(self):
        from community import access, personal_data
        from ideas import personal_data as ideas_personal_data
        from ideas import receivers
        from ideas.models import Idea

        access.register_hideable(Idea)
        receivers.connect()
        personal_data.register("ideas", exporter=ideas_personal_data.export, eraser=ideas_personal_data.erase)
