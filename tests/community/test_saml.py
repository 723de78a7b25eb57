"""SAML 2.0 sign-in against a real identity provider (pysaml2) that signs its assertions.

The portal's side runs through allauth's real views: the AuthnRequest comes from the portal's redirect,
the IdP answers it, and its SAMLResponse is posted to the portal's ACS URL as a browser would.
"""

import socket
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS

from community.models import Membership, Space
from tests.community.factories import SpaceFactory
from tests.community.saml_idp import ENTITY_ID, SSO_URL, IdentityProvider, certificate_body, make_certificate

pytestmark = pytest.mark.django_db

ORGANIZATION = "acme"
HOST = "ideas.acme.example"
SP_ENTITY_ID = f"http://{HOST}/accounts/saml/{ORGANIZATION}/metadata/"
MAIL = "urn:oid:0.9.2342.19200300.100.1.3"  # pysaml2 sends its `mail` attribute under this name
SAM = {"mail": ["sam@acme.com"], "email_verified": ["true"], "groups": ["acme-employees"]}


@pytest.fixture
def client(client, settings):
    """A browser sends the portal's host name (python3-saml refuses single-label ones like `testserver`)."""
    settings.ALLOWED_HOSTS = [HOST]
    client.defaults["HTTP_HOST"] = HOST
    return client


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    directory = tmp_path_factory.mktemp("saml")
    return {"idp": make_certificate(directory, "idp"), "intruder": make_certificate(directory, "intruder")}


@pytest.fixture
def saml_app(settings, keys):
    """The operator's configuration: only the IdP's entity id, SSO URL and certificate, and the mapping
    of its attributes; the secure defaults come from the portal."""
    saml = settings.SOCIALACCOUNT_PROVIDERS["saml"]
    app = {
        "name": "Acme SAML",
        "provider_id": "acme-saml",
        "client_id": ORGANIZATION,
        "settings": {
            "idp": {"entity_id": ENTITY_ID, "sso_url": SSO_URL, "x509cert": certificate_body(keys["idp"][1])},
            # An operator's `uid` mapping (here the e-mail) is ignored: the persistent NameID is the key.
            "attribute_mapping": {"uid": MAIL, "email": MAIL, "email_verified": "email_verified"},
        },
    }
    settings.SOCIALACCOUNT_PROVIDERS = {**settings.SOCIALACCOUNT_PROVIDERS, "saml": {**saml, "APPS": [app]}}
    settings.SSO_GROUP_SPACES = {"acme-employees": "acme-internal"}
    return app


@pytest.fixture
def sp_metadata(client, saml_app):
    response = client.get(reverse("saml_metadata", kwargs={"organization_slug": ORGANIZATION}))
    assert response.status_code == 200
    return response.content.decode()


def idp(keys, sp_metadata, signer="idp", **options):
    return IdentityProvider(*keys[signer], sp_metadata, **options)


@pytest.fixture
def internal():
    return SpaceFactory(slug="acme-internal", visibility=Space.Visibility.INTERNAL)


def start_sign_in(client) -> str:
    """Press "Acme SAML": the portal redirects to the IdP with an AuthnRequest."""
    start = client.post(reverse("saml_login", kwargs={"organization_slug": ORGANIZATION}))
    assert start.status_code == 302
    assert start["Location"].startswith(SSO_URL)
    return parse_qs(urlparse(start["Location"]).query)["SAMLRequest"][0]


def post_response(client, saml_response: str):
    """The browser posts the IdP's answer to the ACS URL and follows the portal to the end of sign-in."""
    acs = client.post(reverse("saml_acs", kwargs={"organization_slug": ORGANIZATION}), {"SAMLResponse": saml_response})
    assert acs.status_code == 302
    return client.get(acs["Location"])


def signed_in_user(client):
    return get_user_model().objects.filter(pk=client.session.get("_auth_user_id")).first()


def sign_in(client, provider, *, name_id="persistent-sam-4711", attributes=SAM):
    finish = post_response(client, provider.respond(start_sign_in(client), name_id=name_id, attributes=attributes))
    user = signed_in_user(client)
    client.logout()
    return finish, user


def test_the_metadata_names_the_acs_url_and_asks_for_a_persistent_nameid(sp_metadata):
    assert f'entityID="{SP_ENTITY_ID}"' in sp_metadata
    assert f'Location="http://{HOST}/accounts/saml/{ORGANIZATION}/acs/"' in sp_metadata
    assert "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" in sp_metadata
    assert 'WantAssertionsSigned="true"' in sp_metadata


def test_a_signed_assertion_signs_in_and_its_groups_give_memberships(client, keys, sp_metadata, internal):
    finish, user = sign_in(client, idp(keys, sp_metadata))

    assert finish.status_code == 302, finish.content.decode()
    assert user is not None
    assert user.socialaccount_set.get().uid == "persistent-sam-4711"
    membership = Membership.objects.get(user=user, space=internal)
    assert membership.source == Membership.Source.SSO


def test_a_group_gone_at_the_next_sign_in_ends_the_membership(client, keys, sp_metadata, internal):
    provider = idp(keys, sp_metadata)
    _, user = sign_in(client, provider)
    assert Membership.objects.filter(user=user, space=internal).exists()

    _, again = sign_in(client, provider, attributes={**SAM, "groups": ["acme-sales"]})

    assert again == user
    assert not Membership.objects.filter(user=user, space=internal).exists()


def test_the_nameid_not_the_email_decides_the_account(client, keys, sp_metadata, internal):
    provider = idp(keys, sp_metadata)
    _, sam = sign_in(client, provider)

    _, other = sign_in(client, provider, name_id="persistent-someone-else")

    assert other != sam
    assert sam.socialaccount_set.count() == 1


def test_a_nameid_in_another_format_is_refused(client, keys, sp_metadata):
    provider = idp(keys, sp_metadata)
    response = provider.respond(
        start_sign_in(client), name_id="sam@acme.com", attributes=SAM, name_id_format=NAMEID_FORMAT_EMAILADDRESS
    )

    post_response(client, response)

    assert signed_in_user(client) is None
    assert not get_user_model().objects.exists()


def test_an_unsigned_assertion_in_a_signed_response_is_refused(client, keys, sp_metadata):
    response = idp(keys, sp_metadata).respond(
        start_sign_in(client), name_id="persistent-sam-4711", attributes=SAM, assertion_signed=False
    )

    post_response(client, response)

    assert signed_in_user(client) is None


def test_an_assertion_signed_by_another_key_is_refused(client, keys, sp_metadata):
    intruder = idp(keys, sp_metadata, signer="intruder")

    _, user = sign_in(client, intruder)

    assert user is None
    assert not get_user_model().objects.exists()


def test_an_assertion_for_another_audience_is_refused(client, keys, sp_metadata):
    provider = idp(keys, sp_metadata)
    response = provider.respond(
        start_sign_in(client), name_id="persistent-sam-4711", attributes=SAM, audience="https://other.example/sp"
    )

    post_response(client, response)

    assert signed_in_user(client) is None


def test_an_assertion_signed_with_sha1_is_refused(client, keys, sp_metadata):
    response = idp(keys, sp_metadata).respond(
        start_sign_in(client), name_id="persistent-sam-4711", attributes=SAM, sha1=True
    )

    post_response(client, response)

    assert signed_in_user(client) is None


def test_an_expired_assertion_is_refused(client, keys, sp_metadata):
    _, user = sign_in(client, idp(keys, sp_metadata, lifetime_minutes=-30))

    assert user is None


def test_a_replayed_response_is_refused(client, keys, sp_metadata):
    response = idp(keys, sp_metadata).respond(start_sign_in(client), name_id="persistent-sam-4711", attributes=SAM)
    post_response(client, response)
    assert signed_in_user(client) is not None
    client.logout()

    post_response(client, response)

    assert signed_in_user(client) is None


def test_a_replayed_idp_initiated_response_is_refused_where_idp_initiated_sign_in_is_allowed(
    client, settings, keys, sp_metadata
):
    (app,) = settings.SOCIALACCOUNT_PROVIDERS["saml"]["APPS"]
    app["settings"]["advanced"] = {"reject_idp_initiated_sso": False}
    acs_url = f"http://{HOST}/accounts/saml/{ORGANIZATION}/acs/"
    response = idp(keys, sp_metadata).issue(SP_ENTITY_ID, acs_url, name_id="persistent-sam-4711", attributes=SAM)
    post_response(client, response)
    assert signed_in_user(client) is not None
    client.logout()

    post_response(client, response)

    assert signed_in_user(client) is None


def test_only_the_sign_in_page_may_send_its_form_to_the_identity_provider(client, saml_app):
    page = client.get(reverse("saml_login", kwargs={"organization_slug": ORGANIZATION}))
    assert page.status_code == 200
    assert "form-action 'self' https://idp.acme.example;" in page["Content-Security-Policy"] + ";"
    elsewhere = client.get(reverse("account_login"))
    assert "form-action 'self';" in elsewhere["Content-Security-Policy"] + ";"


def test_an_unknown_organization_is_not_found(client, saml_app):
    assert client.get(reverse("saml_login", kwargs={"organization_slug": "globex"})).status_code == 404


def test_an_identity_provider_whose_metadata_does_not_answer_gets_the_sites_page(client, saml_app, settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    saml_app["settings"]["idp"] = {"entity_id": ENTITY_ID, "metadata_url": f"http://127.0.0.1:{port}/metadata"}
    page = client.get(reverse("saml_login", kwargs={"organization_slug": ORGANIZATION}))
    assert page.status_code == 503
    assert "Your company sign-in is not answering" in page.content.decode()
