"""`Authorization: Bearer <token>`: the request acts as the token's user, within its spaces."""

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from api.selectors import active_token_for
from api.services import record_token_use
from community import access


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the token as: Authorization: Bearer <token>."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise AuthenticationFailed(_("This token is not valid.")) from error
        token = active_token_for(key)
        if token is None or not token.user.is_active:
            raise AuthenticationFailed(_("This token is not valid, or it was revoked."))
        record_token_use(token)
        user = token.user
        space_ids = [space.pk for space in token.spaces.all()]
        if space_ids:
            user = access.act_within(user, space_ids)
        return user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
