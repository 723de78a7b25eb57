"""Writes of the community app: one function per use case, each in one transaction."""

import secrets
from functools import partial

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from community import access, tasks
from community.models import Notification, Profile, Space, User
from community.validators import normalise_plain_text, validate_plain_text


def _clean_display_name(display_name: str) -> str:
    display_name = normalise_plain_text(display_name)
    validate_plain_text(display_name)
    return display_name


@transaction.atomic
def update_profile(user: User, *, display_name: str, email_frequency: Profile.EmailFrequency | None = None) -> Profile:
    """Set what others see of `user` and, if given, how often they get e-mail.

    Creates the profile of an account made elsewhere (admin, shell).
    """
    fields = {"display_name": _clean_display_name(display_name)}
    if email_frequency:
        fields["email_frequency"] = Profile.EmailFrequency(email_frequency)
    profile, _created = Profile.objects.update_or_create(user=user, defaults=fields)
    return profile


@transaction.atomic
def stop_emails(user: User) -> Profile:
    """Send `user` no more notification e-mails (the unsubscribe link); in-app notifications go on."""
    never = {"email_frequency": Profile.EmailFrequency.NEVER}
    profile, _created = Profile.objects.update_or_create(
        user=user, defaults=never, create_defaults={"display_name": user.username, **never}
    )
    return profile


@transaction.atomic
def set_segment(user: User, segment: Profile.Segment) -> Profile:
    """Record which part of the ecosystem `user` speaks for (counted in vote breakdowns)."""
    profile, _created = Profile.objects.update_or_create(
        user=user, defaults={"segment": segment}, create_defaults={"display_name": user.username, "segment": segment}
    )
    return profile


@transaction.atomic
def provision_account(
    *,
    email: str,
    username: str,
    display_name: str,
    password: str | None = None,
    email_verified: bool = False,
    staff: bool = False,
) -> User:
    """Create or bring up to date an account made for someone rather than by them.

    Used for demo data and for people whose ideas arrive through support or the API.
    Idempotent: called twice with the same e-mail, it leaves one account.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() or User(email=email, username=username)
    user.is_staff = user.is_superuser = staff
    if password:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"primary": True, "verified": email_verified}
    )
    update_profile(user, display_name=display_name)
    return user


@transaction.atomic
def notify(
    recipients: QuerySet[User],
    *,
    space: Space,
    kind: Notification.Kind,
    target,
    subject: str,
    url: str,
    message: str = "",
    actor: User | None = None,
) -> list[Notification]:
    """Tell `recipients` about `target` in `space`; those who cannot see the space hear nothing.

    Recipients who want e-mail at once get it from the task worker after the commit;
    the daily digest (`send_notification_digests`) picks up the others.
    """
    audience = access.audience(space, recipients)
    if actor is not None:
        audience = audience.exclude(pk=actor.pk)
    target_type = ContentType.objects.get_for_model(target)
    frequencies = dict(audience.values_list("pk", "profile__email_frequency"))
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient_id=recipient_id,
            space=space,
            kind=kind,
            actor=actor,
            subject=subject[:200],
            message=message,
            url=url,
            target_type=target_type,
            target_id=target.pk,
        )
        for recipient_id in frequencies
    )
    at_once = {Profile.EmailFrequency.IMMEDIATELY, None}  # None: no profile, so the default
    immediate = [notification.pk for notification in notifications if frequencies[notification.recipient_id] in at_once]
    if immediate:
        transaction.on_commit(partial(tasks.email_notifications.enqueue, immediate))
    return notifications


@transaction.atomic
def mark_notification_read(user: User, notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk, recipient_id=user.pk, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def mark_all_notifications_read(user: User) -> int:
    """Mark as read every unread notification of `user`'s; returns how many."""
    return Notification.objects.filter(recipient_id=user.pk, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def account_for_email(email: str) -> User:
    """The account of `email`, or a new one for it: no password, address unverified.

    For people whose ideas and votes reach us through support or an integration. They
    claim the account later by resetting its password, which verifies the address.
    """
    email = email.strip().lower()
    known = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if known is not None:
        return known.user
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return existing
    return provision_account(email=email, username=f"via-{secrets.token_hex(6)}", display_name=gettext("Customer"))
