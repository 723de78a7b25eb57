"""Who may call the API at all; what they may see and do is the access rule's (community.access)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from api.models import ApiToken
from community import access


class SignedInWithinTokenScope(BasePermission):
    """Signed in (a token or a session); a read-only token may only read."""

    message = _("This token may only read; make one with write access.")

    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        if request.method in SAFE_METHODS or not isinstance(request.auth, ApiToken):
            return True
        return request.auth.can_write


class ManagesWebhooks(BasePermission):
    message = _("Only staff may do this.")

    def has_permission(self, request, view) -> bool:
        return access.can_manage_webhooks(request.user)
