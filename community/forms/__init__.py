"""Forms of the community pages, by subject; every form is named here."""

from community.forms.accounts import (
    DeleteAccountForm,
    SignupForm,
)
from community.forms.conduct import (
    MAX_SUSPENSION_DAYS,
    WHOLE_SITE,
    LiftForm,
    SuspendForm,
    WarnForm,
)
from community.forms.honeypot import (
    HONEYPOT_FIELD,
    HoneypotBoundField,
    HoneypotField,
    HoneypotMixin,
)
from community.forms.members import (
    InviteByEmailForm,
    InviteLinkForm,
    RoleForm,
)
from community.forms.profiles import (
    DisplayNameField,
    ProfileForm,
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
