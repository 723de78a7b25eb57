"""What a person gave the portal: handed back as a download, or taken away when they delete their account.

community cannot import the apps above it, so each registers its part here from its
`AppConfig.ready` (ideas: ideas, comments, votes, follows; api: tokens, webhooks):
- an exporter, `exporter(user) -> dict`: sections of the download, JSON-ready but for dates;
- an eraser, `eraser(user, *, content)`: run inside `community.services.delete_account`'s
  transaction, it anonymises or removes the app's rows; `content` is the
  ACCOUNT_DELETION_CONTENT setting ("anonymise" or "remove").
"""

from collections.abc import Callable

from allauth.account.models import EmailAddress

from community import selectors
from community.models import Flag, Membership, TermsAcceptance, User

ANONYMISE = "anonymise"
REMOVE = "remove"
CONTENT_CHOICES = (ANONYMISE, REMOVE)

Exporter = Callable[[User], dict]
Eraser = Callable[..., None]

_parts: dict[str, tuple[Exporter, Eraser]] = {}


def register(name: str, *, exporter: Exporter, eraser: Eraser) -> None:
    """Add an app's part (registering the same name again replaces it)."""
    _parts[name] = (exporter, eraser)


def export(user: User) -> dict:
    """Everything `user` gave or was given here, for their download; nothing of what others wrote."""
    data = _community_sections(user)
    for exporter, _eraser in _parts.values():
        data.update(exporter(user))
    return data


def erase(user: User, *, content: str) -> None:
    """Run every registered eraser for `user`; the caller holds the transaction."""
    for _exporter, eraser in _parts.values():
        eraser(user, content=content)


def _community_sections(user: User) -> dict:
    profile = selectors.profile_for(user)
    return {
        "profile": {
            "username": user.username,
            "display_name": profile.display_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "segment": profile.segment,
            "email_frequency": profile.email_frequency,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user_id=user.pk).values("email", "verified", "primary").order_by("email")
        ),
        "memberships": [
            {"space": membership.space.slug, "role": membership.role, "since": membership.created_at}
            for membership in Membership.objects.filter(user_id=user.pk).select_related("space").order_by("pk")
        ],
        # What was reported stays a reference: the item may since have gone out of the person's sight.
        "reports": [
            {
                "item": f"{flag.target_type.app_label}.{flag.target_type.model}",
                "item_id": flag.target_id,
                "reason": flag.reason,
                "note": flag.note,
                "created_at": flag.created_at,
            }
            for flag in Flag.objects.filter(reporter_id=user.pk).select_related("target_type").order_by("pk")
        ],
        "terms_accepted": [
            {
                "terms": acceptance.terms.title,
                "version": acceptance.terms.version,
                "space": acceptance.terms.space.slug if acceptance.terms.space else None,
                "accepted_at": acceptance.accepted_at,
            }
            for acceptance in TermsAcceptance.objects.filter(user_id=user.pk)
            .select_related("terms__space")
            .order_by("pk")
        ],
        "notifications": [
            {
                "kind": notification.kind,
                "subject": notification.subject,
                "message": notification.message,
                "url": notification.url,
                "created_at": notification.created_at,
                "read_at": notification.read_at,
            }
            for notification in selectors.notifications_for(user)
        ],
    }
