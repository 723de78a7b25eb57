"""Writes of the community app: one function per use case, each in one transaction."""

import logging
import secrets
from datetime import timedelta
from functools import partial

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Max, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from community import access, audit_services, notifications, personal_data, selectors, tasks
from community.models import (
    Flag,
    Invitation,
    Membership,
    ModerationAction,
    Notification,
    Profile,
    Space,
    SubmissionTerms,
    TermsAcceptance,
    User,
)
from community.validators import normalise_plain_text, validate_plain_text

logger = logging.getLogger(__name__)


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


@transaction.atomic
def move_notifications(target, to_space: Space, *, from_space: Space) -> int:
    """File the notifications about `target` made in `from_space` under `to_space`, where it
    moved: the access rule then hides them from whoever cannot see `to_space`. Returns how many."""
    target_type = ContentType.objects.get_for_model(target)
    return Notification.objects.filter(target_type=target_type, target_id=target.pk, space=from_space).update(
        space=to_space
    )


# --- Members and invitations ---

EMAIL_INVITATION_LIFETIME = timedelta(days=14)
MAX_LINK_LIFETIME = timedelta(days=90)
MAX_LINK_USES = 1000
_ROLE_RANK = {Membership.Role.MEMBER: 0, Membership.Role.MODERATOR: 1, Membership.Role.OWNER: 2}


def _check_manages(actor: User, space: Space) -> None:
    if not access.can_manage_members(actor, space):
        raise PermissionDenied(gettext("Only the space's owners and staff manage its members."))


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = selectors.invitation_token_hash(token)
    return token


def _send_invitation(actor: User, invitation: Invitation, token: str) -> None:
    """E-mail the link; the site's mail backend queues it in this transaction, so a rollback sends nothing."""
    context = {
        "inviter": actor.display_name,
        "space": invitation.space,
        "role": invitation.get_role_display(),
        "email": invitation.email,
        "expires_at": invitation.expires_at,
        "link": notifications.absolute_url(reverse("community:invitation", args=[token])),
        "site_name": settings.SITE_NAME,
    }
    subject = gettext("%(inviter)s invited you to %(space)s") % {
        "inviter": actor.display_name,
        "space": invitation.space,
    }
    EmailMessage(
        subject=settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=render_to_string("community/email/invitation.txt", context),
        to=[invitation.email],
    ).send()
    invitation.sent_at = timezone.now()


def _send_anew(actor: User, invitation: Invitation) -> Invitation:
    """Give an e-mail invitation a new link (the old one stops working) and expiry, and send it."""
    invitation.expires_at = timezone.now() + EMAIL_INVITATION_LIFETIME
    token = _new_token(invitation)
    _send_invitation(actor, invitation, token)
    invitation.save()
    return invitation


@transaction.atomic
def invite_by_email(
    actor: User, space: Space, email: str, *, role: Membership.Role = Membership.Role.MEMBER
) -> Invitation:
    """Invite `email` into `space` with a link that works once, for 14 days, for that address only.

    Inviting an address that already has a pending invitation sends that one again (with a new link).
    """
    _check_manages(actor, space)
    role = Membership.Role(role)
    email = email.strip().lower()
    validate_email(email)
    already = Membership.objects.filter(
        space=space, user__emailaddress__email__iexact=email, user__emailaddress__verified=True
    )
    if already.exists():
        raise ValidationError(gettext("%(email)s is already a member of this space.") % {"email": email}, code="member")
    pending = selectors.pending_invitations(space).select_for_update(of=("self",)).filter(email__iexact=email)
    invitation = pending.first() or Invitation(space=space, email=email, max_uses=1, created_by=actor)
    invitation.role = role
    return _send_anew(actor, invitation)


@transaction.atomic
def create_invite_link(
    actor: User, space: Space, *, role: Membership.Role = Membership.Role.MEMBER, expires_in: timedelta, max_uses: int
) -> tuple[Invitation, str]:
    """A shareable link into `space` that anyone holding it may use, `max_uses` times until it expires.

    Returns the invitation and its token, which is shown once: only its hash is kept.
    """
    _check_manages(actor, space)
    if not timedelta(0) < expires_in <= MAX_LINK_LIFETIME:
        raise ValidationError(
            gettext("A link is valid for 1 to %(days)d days.") % {"days": MAX_LINK_LIFETIME.days}, code="expires_in"
        )
    if not 1 <= max_uses <= MAX_LINK_USES:
        raise ValidationError(
            gettext("A link may be used 1 to %(uses)d times.") % {"uses": MAX_LINK_USES}, code="max_uses"
        )
    invitation = Invitation(
        space=space,
        role=Membership.Role(role),
        expires_at=timezone.now() + expires_in,
        max_uses=max_uses,
        created_by=actor,
    )
    token = _new_token(invitation)
    invitation.save()
    return invitation, token


@transaction.atomic
def resend_invitation(actor: User, invitation: Invitation) -> Invitation:
    """Send a pending e-mail invitation again with a new link and a new expiry; the old link stops working."""
    _check_manages(actor, invitation.space)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_link or invitation.revoked_at or invitation.uses >= invitation.max_uses:
        raise ValidationError(gettext("Only a pending e-mail invitation can be sent again."), code="not_pending")
    return _send_anew(actor, invitation)


@transaction.atomic
def revoke_invitation(actor: User, invitation: Invitation) -> None:
    """Withdraw an invitation: its link stops working at once."""
    _check_manages(actor, invitation.space)
    Invitation.objects.filter(pk=invitation.pk, revoked_at=None).update(revoked_at=timezone.now())


@transaction.atomic
def accept_invitation(user: User, token: str) -> Membership:
    """Join the space of the invitation `token` opens, with its role (a higher role one has is kept).

    An e-mail invitation needs a verified address of `user`'s equal to the invited one.
    """
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(gettext("Sign in to accept an invitation."))
    invitation = (
        Invitation.objects.select_for_update().filter(token_hash=selectors.invitation_token_hash(token)).first()
    )
    access.check_invitation(invitation, user)
    membership = Membership.objects.select_for_update().filter(user=user, space_id=invitation.space_id).first()
    if membership is None:
        membership = Membership(user=user, space_id=invitation.space_id, role=invitation.role)
    elif _ROLE_RANK[Membership.Role(membership.role)] >= _ROLE_RANK[Membership.Role(invitation.role)]:
        if invitation.is_link:
            return membership  # nothing to do: a shared link keeps its uses for others
    else:
        membership.role = invitation.role
    # An invitation makes the membership stand on its own, also for someone who came by domain or SSO.
    membership.source = Membership.Source.INVITATION
    membership.save()
    Invitation.objects.filter(pk=invitation.pk).update(uses=F("uses") + 1, accepted_by=user)
    refresh_segment(user)
    return membership


def _membership(space: Space, user: User) -> Membership:
    membership = Membership.objects.select_for_update().filter(space=space, user=user).first()
    if membership is None:
        raise ValidationError(gettext("This person is not a member of this space."), code="not_member")
    return membership


def _check_not_last_owner(membership: Membership, message: str) -> None:
    if membership.role != Membership.Role.OWNER:
        return
    owners = Membership.objects.select_for_update().filter(space_id=membership.space_id, role=Membership.Role.OWNER)
    if owners.count() <= 1:
        raise ValidationError(message, code="last_owner")


@transaction.atomic
def change_role(actor: User, space: Space, user: User, role: Membership.Role) -> Membership:
    """Give `user` another role in `space`; a space keeps at least one owner."""
    _check_manages(actor, space)
    role = Membership.Role(role)
    membership = _membership(space, user)
    if role != Membership.Role.OWNER:
        _check_not_last_owner(
            membership, gettext("The space's last owner cannot be demoted; make someone else owner first.")
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def _end_membership(membership: Membership) -> None:
    """Delete the membership and the person's follows of the space's ideas; the access rule, read on
    every request, does the rest (pages, notifications, API tokens)."""
    membership.user.follows.filter(idea__space_id=membership.space_id).delete()
    membership.delete()


@transaction.atomic
def remove_member(actor: User, space: Space, user: User) -> None:
    """Take `user` out of `space`: from their next request on, they see of it what an outsider sees."""
    _check_manages(actor, space)
    membership = _membership(space, user)
    _check_not_last_owner(
        membership, gettext("The space's last owner cannot be removed; make someone else owner first.")
    )
    _end_membership(membership)
    refresh_segment(user)


@transaction.atomic
def leave_space(user: User, space: Space) -> None:
    """`user` leaves `space`; its last owner cannot leave it ownerless."""
    membership = _membership(space, user)
    _check_not_last_owner(membership, gettext("You are the last owner; make someone else owner before you leave."))
    _end_membership(membership)
    refresh_segment(user)


# --- Memberships that follow an e-mail domain or an identity provider's groups ---


def _end_memberships(memberships: QuerySet[Membership]) -> int:
    stale = list(memberships.select_related("user"))
    for membership in stale:
        _end_membership(membership)
    return len(stale)


@transaction.atomic
def join_spaces_by_domain(user: User) -> list[Membership]:
    """Make `user` a member of each internal space open to the domain of one of their verified
    addresses (`access.spaces_open_by_domain`); a membership they already have is left as it is."""
    joined = []
    for space in access.spaces_open_by_domain(user).exclude(memberships__user_id=user.pk):
        membership, created = Membership.objects.get_or_create(
            user=user, space=space, defaults={"role": Membership.Role.MEMBER, "source": Membership.Source.DOMAIN}
        )
        if created:
            joined.append(membership)
    refresh_segment(user)
    return joined


@transaction.atomic
def drop_domain_memberships(user: User) -> int:
    """End the memberships `user` had through an e-mail domain that none of their verified addresses
    opens any more (address removed, domain taken off the space); returns how many. Memberships
    that came otherwise (invitation, staff, SSO) stay."""
    still_open = access.spaces_open_by_domain(user).values("pk")
    dropped = _end_memberships(
        Membership.objects.filter(user_id=user.pk, source=Membership.Source.DOMAIN).exclude(space__in=still_open)
    )
    refresh_segment(user)
    return dropped


def _sso_grants(groups: list[str], *, provider: str) -> dict[int, Membership.Role]:
    """Space id → role for `groups`, as SSO_GROUP_SPACES maps them; the strongest role wins."""
    wanted: dict[str, Membership.Role] = {}
    for group in groups:
        target = settings.SSO_GROUP_SPACES.get(group)
        if target is None:
            continue
        slug, role = (target, "member") if isinstance(target, str) else (target["space"], target.get("role", "member"))
        role = Membership.Role(role)
        if slug not in wanted or _ROLE_RANK[role] > _ROLE_RANK[wanted[slug]]:
            wanted[slug] = role
    spaces = dict(Space.objects.filter(slug__in=wanted).values_list("slug", "pk"))
    for slug in wanted.keys() - spaces.keys():
        logger.warning("SSO_GROUP_SPACES names the space %r, which does not exist (provider %s).", slug, provider)
    return {spaces[slug]: role for slug, role in wanted.items() if slug in spaces}


@transaction.atomic
def sync_sso_groups(user: User, groups: list[str], *, provider: str) -> list[Membership]:
    """Bring `user`'s SSO memberships in line with the groups the identity provider `provider` just
    sent: a membership for each mapped group, none for a group that is gone. Memberships that came
    otherwise (invitation, staff, e-mail domain) are never changed. Returns the SSO memberships held."""
    grants = _sso_grants(groups, provider=provider)
    held = {membership.space_id: membership for membership in Membership.objects.filter(user_id=user.pk)}
    kept = []
    for space_id, role in grants.items():
        membership = held.get(space_id) or Membership.objects.create(
            user=user, space_id=space_id, role=role, source=Membership.Source.SSO
        )
        if membership.source != Membership.Source.SSO:
            continue
        if membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
        kept.append(membership)
    _end_memberships(
        Membership.objects.filter(user_id=user.pk, source=Membership.Source.SSO).exclude(space_id__in=grants)
    )
    refresh_segment(user)
    return kept


def _segment_of(user: User) -> Profile.Segment:
    """Employees: staff, members of an internal space or holders of a verified address on one's
    domains; partners: members of a private space; everyone else speaks as a customer."""
    memberships = Membership.objects.filter(user_id=user.pk)
    if (
        user.is_staff
        or memberships.filter(space__visibility=Space.Visibility.INTERNAL).exists()
        or access.spaces_open_by_domain(user).exists()
    ):
        return Profile.Segment.EMPLOYEE
    if memberships.filter(space__visibility=Space.Visibility.PRIVATE).exists():
        return Profile.Segment.PARTNER
    return Profile.Segment.CUSTOMER


@transaction.atomic
def refresh_segment(user: User) -> Profile:
    """Set `user`'s segment from their memberships and verified domains; votes cast from now on carry it."""
    return set_segment(user, _segment_of(user))


@transaction.atomic
def set_trust_level(user: User, level: Profile.TrustLevel) -> Profile:
    """Record how far `user`'s activity earned trust (computed by `ideas.trust`); it sets their rate limits."""
    level = Profile.TrustLevel(level)
    profile, _created = Profile.objects.update_or_create(
        user=user,
        defaults={"trust_level": level},
        create_defaults={"display_name": user.username, "trust_level": level},
    )
    return profile


@transaction.atomic
def forget_targets(model, pks) -> None:
    """Remove what points at rows of `model` that are being deleted (ideas, comments): notifications and
    reports about them. The moderation log keeps its entries: it names what it acted on."""
    target_type = ContentType.objects.get_for_model(model)
    pks = list(pks)
    Notification.objects.filter(target_type=target_type, target_id__in=pks).delete()
    Flag.objects.filter(target_type=target_type, target_id__in=pks).delete()


# --- Submission terms ---


def _require_terms_editor(actor: User) -> None:
    if not access.can_edit_terms(actor):
        raise PermissionDenied(gettext("Only staff and editors of the submission terms may change them."))


def _clean_terms(title: str, body: str) -> dict:
    title = normalise_plain_text(title)
    if not title:
        raise ValidationError({"title": gettext("Give the terms a title.")})
    try:
        validate_plain_text(title)
    except ValidationError as error:
        raise ValidationError({"title": error.messages}) from error
    if not body.strip():
        raise ValidationError({"body": gettext("Write the terms.")})
    return {"title": title, "body": body}


def _unpublished(terms: SubmissionTerms) -> SubmissionTerms:
    """`terms`, locked and read afresh; ValidationError if they are published (a published version never changes)."""
    terms = SubmissionTerms.objects.select_for_update().get(pk=terms.pk)
    if terms.is_published:
        raise ValidationError(
            gettext("Version %(version)s is published and never changes: draft a new version instead.")
            % {"version": terms.version},
            code="published",
        )
    return terms


@transaction.atomic
def draft_terms(actor: User, *, space: Space | None, title: str, body: str) -> SubmissionTerms:
    """Start the next version of the site's terms (no `space`) or of a space's own: a draft, which
    nobody is asked to accept until it is published. One draft at a time per space (its version is 0
    until `publish_terms` numbers it)."""
    _require_terms_editor(actor)
    fields = _clean_terms(title, body)
    already = ValidationError(gettext("These terms already have a draft: edit or publish it first."), code="draft")
    if SubmissionTerms.objects.filter(space=space, published_at=None).exists():
        raise already
    try:
        with transaction.atomic():
            return SubmissionTerms.objects.create(space=space, version=0, **fields)
    except IntegrityError as error:
        raise already from error  # drafted by someone else at the same moment


@transaction.atomic
def update_terms_draft(actor: User, terms: SubmissionTerms, *, title: str, body: str) -> SubmissionTerms:
    """Change a draft's title and text; a published version is refused."""
    _require_terms_editor(actor)
    fields = _clean_terms(title, body)
    terms = _unpublished(terms)
    for name, value in fields.items():
        setattr(terms, name, value)
    terms.save(update_fields=list(fields))
    return terms


@transaction.atomic
def discard_terms_draft(actor: User, terms: SubmissionTerms) -> None:
    """Throw a draft away; a published version stays for good (ideas name the version they were posted under)."""
    _require_terms_editor(actor)
    _unpublished(terms).delete()


def publish_terms(actor: User, terms: SubmissionTerms) -> SubmissionTerms:
    """Put a draft in force as the next version of its space's (or the site's) terms: from now on,
    everyone accepts it before their next idea. Logged; refused (and logged) for anyone but staff and
    the terms' editors."""
    if not access.can_edit_terms(actor):
        audit_services.refuse(
            actor,
            ModerationAction.Action.PUBLISH_TERMS,
            target=terms,
            space=terms.space,
            message=gettext("Only staff and editors of the submission terms may publish them."),
        )
    return _publish_terms(actor, terms)


@transaction.atomic
def _publish_terms(actor: User, terms: SubmissionTerms) -> SubmissionTerms:
    terms = _unpublished(terms)
    latest = SubmissionTerms.objects.filter(space_id=terms.space_id).aggregate(latest=Max("version"))["latest"]
    terms.version = (latest or 0) + 1
    terms.published_at = timezone.now()
    terms.published_by = actor
    terms.save(update_fields=["version", "published_at", "published_by"])
    audit_services.record_action(
        actor, ModerationAction.Action.PUBLISH_TERMS, target=terms, space=terms.space, after={"version": terms.version}
    )
    return terms


@transaction.atomic
def accept_terms(user: User, terms: SubmissionTerms) -> TermsAcceptance:
    """Record that `user` accepted `terms`, a published version. Accepting again keeps the first time."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(gettext("Sign in to accept the submission terms."))
    terms = SubmissionTerms.objects.filter(pk=terms.pk).select_related("space").first()
    if terms is None or not terms.is_published:
        raise ValidationError({"terms": gettext("These terms are not published; accept the current version.")})
    if terms.space is not None and not access.can_view(user, terms.space):
        raise PermissionDenied(gettext("You cannot accept the terms of a space you cannot see."))
    acceptance, _created = TermsAcceptance.objects.get_or_create(user=user, terms=terms)
    return acceptance


# --- Deleting one's account ---


def delete_account(user: User) -> None:
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
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(gettext("Sign in to delete your account."))
    _delete_account(user)


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
    user.is_active = user.is_staff = user.is_superuser = False
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
