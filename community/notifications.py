"""Notification e-mails: rendering them, sending them, and the unsubscribe token they carry.

E-mail is sent from the task worker (`community.tasks`) and the daily
`send_notification_digests` command, never inside a request. The access rule is checked
again at sending time, so someone removed from a space between the notification and
the e-mail hears nothing. A notification is claimed (`emailed_at`) in the same
transaction that queues its e-mail, so it goes out once even when two workers race.
"""

import unicodedata

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

from community import selectors
from community.models import Notification, Profile, User
from community.site_url import absolute_url

UNSUBSCRIBE_SALT = "community.notifications.unsubscribe"
# A digest lists this many notifications and points to the notifications page for the rest.
DIGEST_LIMIT = 50


def local_path(url: str) -> str | None:
    """`url` if it is a path on this site ("/ideas/7/"), otherwise None.

    Browsers read "//evil.com", "/\\evil.com" and "/\t/evil.com" as another site, so
    only a single leading slash with no backslash, space or control character passes.
    """
    if not url.startswith("/") or any(char.isspace() or unicodedata.category(char)[0] == "C" for char in url):
        return None
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=set()) else None


def unsubscribe_token(user: User) -> str:
    """A signed token naming `user`, for the unsubscribe link of their e-mails. It does not expire."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_unsubscribe_token(token: str) -> User | None:
    """The user a token from `unsubscribe_token` names; None if forged, mangled or the account is gone."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=user_id).first() if isinstance(user_id, int) else None


def _subject(notifications: list[Notification], *, digest: bool, more: int) -> str:
    if digest:
        count = len(notifications) + more
        subject = ngettext(
            "Your daily digest: %(count)d update on ideas you follow",
            "Your daily digest: %(count)d updates on ideas you follow",
            count,
        ) % {"count": count}
    else:
        [notification] = notifications
        subject = f"{notification.get_kind_display()}: {notification.subject}"
    # A header is one line; Django refuses a subject with a line break in it.
    return settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split())


def notification_email(
    recipient: User, notifications: list[Notification], *, digest: bool, more: int = 0
) -> EmailMultiAlternatives:
    """The e-mail telling `recipient` about `notifications`: one, or a daily digest.

    `more` counts notifications the digest leaves out (see DIGEST_LIMIT). Plain text and a
    simple HTML part, both with a one-click unsubscribe link that the List-Unsubscribe
    headers (RFC 8058) also carry, so a mail program can offer it.
    """
    unsubscribe = absolute_url(reverse("community:unsubscribe", args=[unsubscribe_token(recipient)]))
    notifications_path = reverse("community:notifications")
    context = {
        "recipient": recipient,
        "items": [
            {"notification": notification, "link": absolute_url(local_path(notification.url) or notifications_path)}
            for notification in notifications
        ],
        "digest": digest,
        "more": more,
        "site_name": settings.SITE_NAME,
        "notifications_url": absolute_url(notifications_path),
        "profile_url": absolute_url(reverse("community:profile")),
        "unsubscribe_url": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=_subject(notifications, digest=digest, more=more),
        body=render_to_string("community/email/notifications.txt", context),
        to=[recipient.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(render_to_string("community/email/notifications.html", context), "text/html")
    return message


def _recipients(notifications: QuerySet[Notification], frequency: Profile.EmailFrequency) -> QuerySet[User]:
    """Active users with a verified address who want e-mail at `frequency` about some of `notifications`."""
    wants = Q(profile__email_frequency=frequency)
    if frequency == Profile.EmailFrequency.IMMEDIATELY:
        wants |= Q(profile=None)  # the default for accounts made without a profile (admin, shell)
    verified = EmailAddress.objects.filter(user_id=OuterRef("pk"), verified=True)
    return User.objects.filter(
        wants, Exists(verified), pk__in=notifications.values("recipient_id"), is_active=True
    ).exclude(email="")


def _claim(recipient: User, **filters) -> list[Notification]:
    """Lock and mark as e-mailed the unsent notifications `recipient` may still see (inside a transaction)."""
    pending = selectors.notifications_for(recipient).filter(emailed_at=None, **filters)
    notifications = list(pending.select_for_update(of=("self",)))
    Notification.objects.filter(pk__in=[notification.pk for notification in notifications]).update(
        emailed_at=timezone.now()
    )
    return notifications


def send_immediate_emails(notification_ids: list[int]) -> int:
    """E-mail each of these notifications to its recipient if they want it at once; returns how many."""
    sent = 0
    recipients = _recipients(Notification.objects.filter(pk__in=notification_ids), Profile.EmailFrequency.IMMEDIATELY)
    for recipient in recipients:
        with transaction.atomic():
            for notification in _claim(recipient, pk__in=notification_ids):
                notification_email(recipient, [notification], digest=False).send()
                sent += 1
    return sent


def send_digests() -> int:
    """Send each daily-digest reader one e-mail with what they have not been sent yet; returns how many."""
    sent = 0
    for recipient in _recipients(Notification.objects.filter(emailed_at=None), Profile.EmailFrequency.DAILY):
        with transaction.atomic():
            notifications = _claim(recipient)
            if notifications:
                shown = notifications[:DIGEST_LIMIT]
                notification_email(recipient, shown, digest=True, more=len(notifications) - len(shown)).send()
                sent += 1
    return sent
