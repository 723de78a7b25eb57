"""Notifications: telling people about things in a space, and keeping them in step with it."""

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from community import access, tasks
from community.models import (
    Flag,
    Notification,
    Profile,
    Space,
    User,
)


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
def mark_notification_read(actor: User, notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk, recipient_id=actor.pk, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def mark_all_notifications_read(actor: User) -> int:
    """Mark as read every unread notification of `user`'s; returns how many."""
    return Notification.objects.filter(recipient_id=actor.pk, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def move_notifications(target, to_space: Space, *, from_space: Space) -> int:
    """File the notifications about `target` made in `from_space` under `to_space`, where it
    moved: the access rule then hides them from whoever cannot see `to_space`. Returns how many."""
    target_type = ContentType.objects.get_for_model(target)
    return Notification.objects.filter(target_type=target_type, target_id=target.pk, space=from_space).update(
        space=to_space
    )


@transaction.atomic
def forget_targets(model, pks) -> None:
    """Remove what points at rows of `model` that are being deleted (ideas, comments): notifications and
    reports about them. The moderation log keeps its entries: it names what it acted on."""
    target_type = ContentType.objects.get_for_model(model)
    pks = list(pks)
    Notification.objects.filter(target_type=target_type, target_id__in=pks).delete()
    Flag.objects.filter(target_type=target_type, target_id__in=pks).delete()
