"""What the portal itself keeps: the e-mails already handed to the mail server."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    """A queued e-mail the mail server accepted, by its Message-ID, so a task run again sends it no more."""

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self) -> str:
        return self.message_id
