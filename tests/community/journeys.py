"""Steps of the account journeys, taken through real HTTP the way a browser takes them."""

import re
import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse

NEW_PASSWORD = "a-brand-new-passphrase-42"


def sign_up(client, *, email, display_name="Zoë Example", password=NEW_PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"display_name": display_name, "email": email, "password1": password, "password2": password},
    )


def log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def signed_in_user_id(client) -> int | None:
    """Whom the session belongs to, as Django's auth middleware will read it on the next request."""
    user_id = client.session.get(SESSION_KEY)
    return int(user_id) if user_id is not None else None


def can_open_profile(client) -> bool:
    response = client.get(reverse("community:profile"))
    return response.status_code == 200


def mails_to(address: str) -> list[EmailMessage]:
    return [message for message in mail.outbox if address in message.to]


def paths_in(message: EmailMessage) -> list[str]:
    """The site paths the e-mail links to (the test client speaks to http://testserver)."""
    return re.findall(r"https?://testserver(/\S+)", message.body)


def only_link_in(message: EmailMessage, url_fragment: str) -> str:
    links = [path for path in paths_in(message) if url_fragment in path]
    assert len(links) == 1, f"expected one {url_fragment} link in: {message.body}"
    return links[0]


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows for `secret` right now.

    Near the end of a period the code is about to change; waiting for the next one keeps
    the test from failing on the boundary between reading and typing the code.
    """
    if time.time() % mfa_settings.TOTP_PERIOD > mfa_settings.TOTP_PERIOD - 2:
        time.sleep(2)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def wrong_totp_code(secret: str) -> str:
    """A well-formed code that no counter in the accepted window produces."""
    valid = {format_hotp_value(hotp_value(secret, counter)) for counter in yield_hotp_counters_from_time()}
    return next(code for code in ("000000", "111111", "123456", "654321") if code not in valid)
