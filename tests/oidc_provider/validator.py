import json
import os

from oauth2_provider.oauth2_validators import OAuth2Validator


class GroupsValidator(OAuth2Validator):
    """Sends the person's e-mail and their `groups`, read at each sign-in from OIDC_PROVIDER_GROUPS (a JSON
    list in a file), so a test can change them between sign-ins."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "openid"}

    def get_additional_claims(self, request):
        with open(os.environ["OIDC_PROVIDER_GROUPS"]) as groups:
            return {"email": request.user.email, "email_verified": True, "groups": json.load(groups)}
