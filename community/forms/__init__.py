"""Forms of the community app, by subject; every form is named here."""

from community.forms.community import (
    HONEYPOT_FIELD,
    DeleteAccountForm,
    DisplayNameField,
    HoneypotBoundField,
    HoneypotField,
    HoneypotMixin,
    InviteByEmailForm,
    InviteLinkForm,
    ProfileForm,
    RoleForm,
    SignupForm,
)
from community.forms.conduct import (
    MAX_SUSPENSION_DAYS,
    WHOLE_SITE,
    LiftForm,
    SuspendForm,
    WarnForm,
)

__all__ = [
    "HONEYPOT_FIELD",
    "MAX_SUSPENSION_DAYS",
    "WHOLE_SITE",
    "DeleteAccountForm",
    "DisplayNameField",
    "HoneypotBoundField",
    "HoneypotField",
    "HoneypotMixin",
    "InviteByEmailForm",
    "InviteLinkForm",
    "LiftForm",
    "ProfileForm",
    "RoleForm",
    "SignupForm",
    "SuspendForm",
    "WarnForm",
]
