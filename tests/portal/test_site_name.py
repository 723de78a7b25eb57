"""The organisation's own name for its portal (SITE_NAME) is what people see."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_pages_carry_the_site_name(client, settings):
    settings.SITE_NAME = "Acme Ideas"
    html = client.get("/").content.decode()
    assert "<title>Home · Acme Ideas</title>" in html
    assert '<a href="/" class="brand">Acme Ideas</a>' in html


def test_account_emails_speak_in_the_site_name_not_the_host(client, settings):
    settings.SITE_NAME = "Acme Ideas"
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Dana",
            "email": "dana@example.com",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
    )
    [message] = mail.outbox
    assert message.body.startswith("Hello from Acme Ideas!")
    assert "— Acme Ideas, testserver" in message.body
