"""Reads of the community app, by subject; every read is named here, whatever module holds it."""

from community.selectors.audit import (
    moderation_log_for,
)
from community.selectors.conduct import (
    person_for,
    suspension_for,
    suspension_notice,
    suspension_notice_for,
    suspension_of,
    suspensions_for,
    warnings_for,
    with_conduct,
)
from community.selectors.invitations import (
    invitation_for_token,
    invitation_token_hash,
    pending_invitations,
)
from community.selectors.memberships import (
    members_for,
    members_of,
    membership_of,
    space_members_for,
)
from community.selectors.notifications import (
    notifications_for,
    unread_notification_count_for,
)
from community.selectors.profiles import (
    account_with_email,
    connected_accounts_for,
    profile_for,
)
from community.selectors.terms import (
    acceptances_of,
    current_terms,
    published_terms,
    space_terms_for,
    terms_to_accept_for,
)

__all__ = [
    "acceptances_of",
    "account_with_email",
    "connected_accounts_for",
    "current_terms",
    "invitation_for_token",
    "invitation_token_hash",
    "members_for",
    "members_of",
    "membership_of",
    "moderation_log_for",
    "notifications_for",
    "pending_invitations",
    "person_for",
    "profile_for",
    "published_terms",
    "space_members_for",
    "space_terms_for",
    "suspension_for",
    "suspension_notice",
    "suspension_notice_for",
    "suspension_of",
    "suspensions_for",
    "terms_to_accept_for",
    "unread_notification_count_for",
    "warnings_for",
    "with_conduct",
]
