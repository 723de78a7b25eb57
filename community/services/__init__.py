"""Writes of the community app: one function per use case, each in one transaction.

The use cases live in small modules by subject; they are all named here, so callers write
`community.services.accept_invitation` whatever module holds it.
"""

from community.services.accounts import (
    delete_account,
)
from community.services.audit import (
    record_action,
    refuse,
)
from community.services.conduct import (
    REASON_MAX_LENGTH,
    lift_suspension,
    suspend_user,
    warn_user,
)
from community.services.invitations import (
    EMAIL_INVITATION_LIFETIME,
    MAX_LINK_LIFETIME,
    MAX_LINK_USES,
    accept_invitation,
    create_invite_link,
    invite_by_email,
    resend_invitation,
    revoke_invitation,
)
from community.services.memberships import (
    ROLE_RANK,
    add_member,
    change_role,
    check_manages,
    drop_domain_memberships,
    end_memberships,
    join_spaces_by_domain,
    leave_space,
    remove_member,
    sync_sso_groups,
)
from community.services.notifications import (
    forget_targets,
    mark_all_notifications_read,
    mark_notification_read,
    move_notifications,
    notify,
)
from community.services.profiles import (
    account_for_email,
    account_to_act_for,
    confirm_addresses,
    provision_account,
    refresh_segment,
    set_segment,
    set_trust_level,
    stop_emails,
    update_profile,
)
from community.services.spaces import (
    EDITABLE_FIELDS,
    SEGMENT_FIELDS,
    create_space,
    delete_space,
    update_space,
)
from community.services.terms import (
    accept_terms,
    discard_terms_draft,
    draft_terms,
    publish_terms,
    update_terms_draft,
)

__all__ = [
    "EDITABLE_FIELDS",
    "EMAIL_INVITATION_LIFETIME",
    "MAX_LINK_LIFETIME",
    "MAX_LINK_USES",
    "REASON_MAX_LENGTH",
    "ROLE_RANK",
    "SEGMENT_FIELDS",
    "accept_invitation",
    "accept_terms",
    "account_for_email",
    "account_to_act_for",
    "add_member",
    "change_role",
    "check_manages",
    "confirm_addresses",
    "create_invite_link",
    "create_space",
    "delete_account",
    "delete_space",
    "discard_terms_draft",
    "draft_terms",
    "drop_domain_memberships",
    "end_memberships",
    "forget_targets",
    "invite_by_email",
    "join_spaces_by_domain",
    "leave_space",
    "lift_suspension",
    "mark_all_notifications_read",
    "mark_notification_read",
    "move_notifications",
    "notify",
    "provision_account",
    "publish_terms",
    "record_action",
    "refresh_segment",
    "refuse",
    "remove_member",
    "resend_invitation",
    "revoke_invitation",
    "set_segment",
    "set_trust_level",
    "stop_emails",
    "suspend_user",
    "sync_sso_groups",
    "update_profile",
    "update_space",
    "update_terms_draft",
    "warn_user",
]
