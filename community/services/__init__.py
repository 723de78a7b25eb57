"""Writes of the community app: one function per use case, each in one transaction.

The use cases live in small modules by subject; they are all named here, so callers write
`community.services.accept_invitation` whatever module holds it.
"""

from community.services.accounts import delete_account
from community.services.invitations import (
    accept_invitation,
    create_invite_link,
    invite_by_email,
    resend_invitation,
    revoke_invitation,
)
from community.services.memberships import (
    change_role,
    drop_domain_memberships,
    join_spaces_by_domain,
    leave_space,
    remove_member,
    sync_sso_groups,
)
from community.services.notifying import (
    forget_targets,
    mark_all_notifications_read,
    mark_notification_read,
    move_notifications,
    notify,
)
from community.services.profiles import (
    account_for_email,
    account_to_act_for,
    provision_account,
    refresh_segment,
    set_segment,
    set_trust_level,
    stop_emails,
    update_profile,
)
from community.services.terms import (
    accept_terms,
    discard_terms_draft,
    draft_terms,
    publish_terms,
    update_terms_draft,
)

__all__ = [
    "accept_invitation",
    "accept_terms",
    "account_for_email",
    "account_to_act_for",
    "change_role",
    "create_invite_link",
    "delete_account",
    "discard_terms_draft",
    "draft_terms",
    "drop_domain_memberships",
    "forget_targets",
    "invite_by_email",
    "join_spaces_by_domain",
    "leave_space",
    "mark_all_notifications_read",
    "mark_notification_read",
    "move_notifications",
    "notify",
    "provision_account",
    "publish_terms",
    "refresh_segment",
    "remove_member",
    "resend_invitation",
    "revoke_invitation",
    "set_segment",
    "set_trust_level",
    "stop_emails",
    "sync_sso_groups",
    "update_profile",
    "update_terms_draft",
]
