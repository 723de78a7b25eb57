"""Memberships that follow allauth's account events: verified e-mail domains and SSO groups.

Connected by `connect()`, from `CommunityConfig.ready`.
"""

from allauth.account.signals import email_confirmed, email_removed, user_signed_up
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from allauth.socialaccount.signals import pre_social_login, social_account_added, social_account_updated
from django.conf import settings
from django.core.exceptions import PermissionDenied

from community import services, sso
from community.adapters import trusted_addresses


def join_spaces_on_confirmation(sender, request, email_address, **kwargs):
    services.join_spaces_by_domain(email_address.user)


def drop_spaces_on_removal(sender, request, user, email_address, **kwargs):
    services.drop_domain_memberships(user)


def groups_claim(extra_data: dict) -> list[str]:
    """The groups (SSO_GROUPS_CLAIM) the identity provider sent, from its userinfo answer or its ID
    token; none when it sent no such claim."""
    claim = settings.SSO_GROUPS_CLAIM
    for claims in (extra_data.get("userinfo"), extra_data.get("id_token")):
        if isinstance(claims, dict) and claim in claims:
            groups = claims[claim]
            return [str(group) for group in groups] if isinstance(groups, list) else [str(groups)]
    return []


def groups_attribute(extra_data: dict) -> list[str]:
    """The values of the SAML attribute SSO_SAML_GROUPS_ATTRIBUTE (allauth keeps the assertion's
    attributes, name → list of values, as the account's extra data)."""
    return [str(group) for group in extra_data.get(settings.SSO_SAML_GROUPS_ATTRIBUTE, [])]


GROUPS_OF = {OpenIDConnectProvider.id: groups_claim, SAMLProvider.id: groups_attribute}


def sync_groups_of(request, sociallogin) -> None:
    """Bring the SSO memberships in line with an OpenID Connect or SAML login's groups. Logins through
    other providers (GitHub, Google…) carry no company groups and change nothing."""
    account = sociallogin.account
    groups_of = GROUPS_OF.get(account.get_provider(request).id)
    if groups_of is None:
        return
    services.sync_sso_groups(sociallogin.user, groups_of(account.extra_data), provider=account.provider)


def check_nonce(sender, request, sociallogin, **kwargs):
    """An OpenID Connect ID token must carry the nonce its sign-in sent (community.sso): a token replayed
    from another sign-in does not. allauth shows its sign-in failure page for the PermissionDenied."""
    account = sociallogin.account
    if account.get_provider(request).id != OpenIDConnectProvider.id:
        return
    if sso.nonce_enabled(account.get_provider(request)) and not sso.nonce_matches(
        request, account.extra_data.get("id_token") or {}
    ):
        raise PermissionDenied("The identity provider's ID token does not carry this sign-in's nonce.")


def set_up_new_account(sender, request, user, sociallogin=None, **kwargs):
    """A new account: addresses a provider vouched for arrive verified, without `email_confirmed`."""
    services.join_spaces_by_domain(user)
    if sociallogin is not None:
        sync_groups_of(request, sociallogin)


def sync_groups_on_social_login(sender, request, sociallogin, **kwargs):
    """`social_account_updated` is sent on every login through an account already connected."""
    sync_groups_of(request, sociallogin)


def confirm_trusted_addresses(sender, request, sociallogin, **kwargs):
    """An address a provider verified, on a domain the operator trusts it with (SSO_TRUSTED_EMAIL_DOMAINS),
    counts as verified on the account it is connected to, with the memberships of its domain."""
    if services.confirm_addresses(sociallogin.user, trusted_addresses(sociallogin)):
        services.join_spaces_by_domain(sociallogin.user)


def connect() -> None:
    pre_social_login.connect(check_nonce, dispatch_uid="community.check_sso_nonce")
    email_confirmed.connect(join_spaces_on_confirmation, dispatch_uid="community.join_spaces_on_confirmation")
    email_removed.connect(drop_spaces_on_removal, dispatch_uid="community.drop_spaces_on_removal")
    user_signed_up.connect(set_up_new_account, dispatch_uid="community.set_up_new_account")
    social_account_added.connect(sync_groups_on_social_login, dispatch_uid="community.sync_groups_on_connect")
    social_account_updated.connect(sync_groups_on_social_login, dispatch_uid="community.sync_groups_on_login")
    for signal in (social_account_added, social_account_updated):
        signal.connect(confirm_trusted_addresses, dispatch_uid="community.confirm_trusted_addresses")
