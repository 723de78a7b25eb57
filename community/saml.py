"""allauth's SAML 2.0 provider, held to our sign-in rules (registered as its `provider_class` in settings).

Secure defaults sit under whatever the operator sets in the app's `advanced` settings: strict checks,
signed assertions, no deprecated algorithms (SHA-1), a NameID required and asked for in the persistent
format, no IdP-initiated sign-in. The account is keyed on that persistent NameID alone: a `uid` in the
attribute mapping is ignored and any other NameID format (an e-mail, a transient id) is refused.
An assertion signs in once: its id is remembered in the cache until it expires (allauth's single-use
request state already covers sign-ins we started; this also covers IdP-initiated ones if allowed).
"""

import time

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from django.core.cache import cache
from onelogin.saml2.constants import OneLogin_Saml2_Constants

PERSISTENT = OneLogin_Saml2_Constants.NAMEID_PERSISTENT

SECURE_DEFAULTS = {
    "strict": True,
    "want_assertion_signed": True,
    "reject_deprecated_algorithm": True,
    "want_name_id": True,
    "name_id_format": PERSISTENT,
    "reject_idp_initiated_sso": True,
}


class PersistentNameIDProvider(SAMLProvider):
    package = SAMLProvider.get_package()  # allauth finds the provider's URLs (ACS, metadata…) there

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        configured = self.app.settings or {}
        mapping = configured.get("attribute_mapping", self.default_attribute_mapping)
        self.app.settings = {
            **configured,
            "advanced": {**SECURE_DEFAULTS, **configured.get("advanced", {})},
            "attribute_mapping": {key: names for key, names in mapping.items() if key != "uid"},
        }

    def extract_uid(self, data) -> str:
        if data.get_nameid_format() != PERSISTENT or not data.get_nameid() or not self._first_use(data):
            raise ImmediateHttpResponse(render_authentication_error(self.request, self))
        return data.get_nameid()

    def _first_use(self, data) -> bool:
        """Remember the assertion's id until it expires; false if it was seen before."""
        expires = data.get_last_assertion_not_on_or_after() or time.time() + 300
        timeout = max(int(expires - time.time()) + 300, 1)  # python3-saml allows 5 minutes of clock drift
        return cache.add(f"saml.assertion.{self.app.client_id}.{data.get_last_assertion_id()}", True, timeout)
