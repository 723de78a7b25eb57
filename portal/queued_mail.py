"""E-mail goes out from the background worker, never inside a web request.

``QueuedEmailBackend`` is the site's ``EMAIL_BACKEND``: it turns each message into a
task of the Tasks API. With the database queue the task row is written in the same
transaction as whatever caused the e-mail, so a rolled-back request sends nothing and
a committed one cannot lose its e-mail. The worker hands the message to the real
backend (``EMAIL_DELIVERY_BACKEND``: SMTP in production, console + file in
development). When that fails — the SMTP server is down — the message is queued
again with an exponential backoff and jitter, and goes out once when it is back.

A task may run twice: a retry, or a run queued again by `requeue_stalled_tasks` after
its worker was killed. Each message therefore gets its Message-ID when it is queued,
and the worker records it (``SentEmail``) as soon as the mail server has accepted the
message, before saying goodbye; a run that finds it recorded sends nothing. Only a
worker killed between the server's acceptance and that record can still send twice.
"""

import base64
import logging
import random
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.utils import timezone
from django_tasks import task

from portal.models import SentEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_RETRY_SECONDS = 60


def _message_id(headers: dict) -> str | None:
    return next((value for name, value in headers.items() if name.lower() == "message-id"), None)


def serialise_message(message) -> dict:
    """The JSON a task argument must be, with a Message-ID; attachments travel base64-encoded."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("Queued e-mail carries file attachments (name, content, type), not MIME parts.")
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    headers = dict(message.extra_headers)
    if _message_id(headers) is None:
        headers["Message-ID"] = make_msgid(domain=DNS_NAME)
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def deserialise_message(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def retry_delay(attempt: int) -> timedelta:
    """1, 2, 4 … minutes, capped at four hours, with jitter so retries do not stampede."""
    seconds = min(FIRST_RETRY_SECONDS * 2 ** (attempt - 1), 4 * 60 * 60)
    return timedelta(seconds=seconds * random.uniform(0.8, 1.2))  # noqa: S311 -- jitter, not secrecy


@task()
def deliver_email(message: dict, attempt: int = 1) -> None:
    message_id = _message_id(message["headers"])  # None for a message queued before they had one
    if message_id and SentEmail.objects.filter(message_id=message_id).exists():
        return  # an earlier run sent it, and its worker stopped before finishing the task
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
            connection.send_messages([deserialise_message(message)])
            if message_id:  # recorded before the connection closes: a hang at goodbye cannot send it twice
                SentEmail.objects.get_or_create(message_id=message_id)
    except Exception:
        if attempt >= MAX_ATTEMPTS:
            logger.exception("Giving up on an e-mail to %s after %s attempts.", message["to"], attempt)
            raise
        delay = retry_delay(attempt)
        logger.warning("E-mail to %s not sent (attempt %s); trying again in %s.", message["to"], attempt, delay)
        deliver_email.using(run_after=timezone.now() + delay).enqueue(message, attempt + 1)


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            deliver_email.enqueue(serialise_message(message))
        return len(email_messages)
