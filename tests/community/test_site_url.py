"""Links read away from the site (invitations, notification e-mails) start with SITE_URL."""

import re

import pytest
from django.test import Client

from community import services
from community.notifications import notification_email
from tests.community.factories import UserFactory
from tests.community.journeys import mails_to
from tests.community.notifying import tell
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

SITE = "https://ideas.example.com"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_an_invitation_email_links_to_the_site_url(owner, space):
    services.invite_by_email(owner, space, "partner@example.org")

    [message] = mails_to("partner@example.org")
    [link] = links(message.body)
    assert link.startswith(f"{SITE}/invitations/")


def test_a_shareable_invitation_link_starts_with_the_site_url(owner):
    browser = Client()
    browser.force_login(owner)

    response = browser.post("/spaces/partners/members/links/", {"role": "member", "days": "3", "max_uses": "5"})

    assert re.search(rf'value="{re.escape(SITE)}/invitations/[^"]+/"', response.content.decode())


def test_a_notification_email_links_only_to_the_site_url():
    idea = IdeaFactory()
    notification = tell(UserFactory(), idea)

    message = notification_email(notification.recipient, [notification], digest=False)

    body_links = links(message.body) + links(message.alternatives[0].content)
    assert f"{SITE}{idea.get_absolute_url()}" in body_links
    assert all(link.startswith(f"{SITE}/") for link in body_links)
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/")
