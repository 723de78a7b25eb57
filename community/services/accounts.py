"""Deleting one's account: personal data goes, contributions stay anonymous, votes keep counting."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from community import personal_data
from community.models import (
    Membership,
    ModerationAction,
    Notification,
    Profile,
    User,
)
from community.services import audit as audit_services


def delete_account(actor: User) -> None:
    """Delete `user`'s account at their own request, in one transaction.

    What they wrote is anonymised, or removed (ACCOUNT_DELETION_CONTENT), by the apps'
    registered erasers (`community.personal_data`); their votes stay, anonymous, so counts
    stay right. The User row stays as an anonymous tombstone ("deleted-<id>", no address,
    no password, inactive) that those votes and the moderation log point at. Their
    addresses, social and MFA logins, memberships and notifications go, their API tokens
    are revoked (api's eraser) and every session of theirs ends. Acceptances of the
    submission terms stay, tied to the tombstone: they record under which terms the
    ideas that remain were given. The caller signs the request out.
    """
    if not (actor.is_authenticated and actor.is_active):
        raise PermissionDenied(gettext("Sign in to delete your account."))
    _delete_account(actor)


@transaction.atomic
def _delete_account(user: User) -> None:
    personal_data.erase(user, content=settings.ACCOUNT_DELETION_CONTENT)
    EmailAddress.objects.filter(user_id=user.pk).delete()
    SocialAccount.objects.filter(user_id=user.pk).delete()
    Authenticator.objects.filter(user_id=user.pk).delete()
    UserProfile.objects.filter(user_id=user.pk).delete()
    Membership.objects.filter(user_id=user.pk).delete()
    Notification.objects.filter(recipient_id=user.pk).delete()
    Notification.objects.filter(actor_id=user.pk).update(actor=None)
    user.groups.clear()
    user.user_permissions.clear()
    user.username = f"deleted-{user.pk}"
    user.email = user.first_name = user.last_name = ""
    user.is_active = False
    user.set_staff(False)
    user.set_unusable_password()
    user.save()
    gone = {"display_name": gettext("Deleted user"), "deleted_at": timezone.now()}
    Profile.objects.update_or_create(user=user, defaults={**gone, "email_frequency": Profile.EmailFrequency.NEVER})
    _end_sessions(user)
    audit_services.record_action(user, ModerationAction.Action.DELETE_ACCOUNT)


def _end_sessions(user: User) -> None:
    """Delete every session signed in as `user`. Sessions live in the database (Django's default
    engine) keyed by session, not by user, so each live one is decoded; this runs only when an
    account is deleted."""
    live = Session.objects.filter(expire_date__gt=timezone.now())
    theirs = [session.pk for session in live.iterator() if session.get_decoded().get(SESSION_KEY) == str(user.pk)]
    Session.objects.filter(pk__in=theirs).delete()
