"""The development e-mail backend: every message on the console and in var/mail/.

The console shows a message as it is sent; the file keeps it for later, for example
to follow a sign-up confirmation link after the terminal has scrolled.
"""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ConsoleAndFileBackend(FileBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.console = ConsoleBackend(fail_silently=self.fail_silently)

    def send_messages(self, email_messages):
        self.console.send_messages(email_messages)
        return super().send_messages(email_messages)
