"""A person signs in through their company's OpenID Connect provider, in Chromium, under the portal's real
CSP: the provider is a real one on loopback (tests/oidc_provider), and their group makes them a member."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from community.models import Membership, Space
from tests.community.factories import SpaceFactory
from tests.markers import transactional_db
from tests.oidc_provider.running import running_provider
from tests.oidc_provider.serve import PASSWORD, USERNAME

pytestmark = [pytest.mark.browser, transactional_db]


@pytest.fixture
def acme(live_server, settings, tmp_path):
    cache.clear()
    with running_provider(tmp_path, f"{live_server.url}/accounts/oidc/acme/login/callback/") as provider:
        settings.SOCIALACCOUNT_PROVIDERS = {
            "openid_connect": {**settings.SOCIALACCOUNT_PROVIDERS["openid_connect"], "APPS": [provider.app()]}
        }
        settings.SSO_GROUP_SPACES = {"acme-employees": "acme-internal"}
        yield provider


def test_a_person_signs_in_through_their_company_and_joins_their_groups_space(page, acme):
    internal = SpaceFactory(slug="acme-internal", name="Acme inside", visibility=Space.Visibility.INTERNAL)
    acme.set_groups(["acme-employees"])
    policy_violations = []
    page.on(
        "console",
        lambda message: policy_violations.append(message.text) if "Content Security Policy" in message.text else None,
    )

    page.goto(reverse("account_login"))
    page.get_by_role("link", name="Acme SSO").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Authorize").click()

    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert Membership.objects.filter(space=internal, user__email="sam@acme.com").exists()
    assert policy_violations == []
