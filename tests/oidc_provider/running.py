"""Start the test identity provider (`serve.py`) in its own process and sign in at it as a person would."""

import json
import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from bs4 import BeautifulSoup

from tests.oidc_provider.serve import CLIENT_ID, PASSWORD, SECRET, USERNAME

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class IdentityProvider:
    url: str
    groups_file: Path

    def app(self) -> dict:
        """The portal's SOCIALACCOUNT_PROVIDERS app for this provider, as the README configures one."""
        settings = {"server_url": f"{self.url}/.well-known/openid-configuration"}
        return {
            "provider_id": "acme",
            "name": "Acme SSO",
            "client_id": CLIENT_ID,
            "secret": SECRET,
            "settings": settings,
        }

    def set_groups(self, groups: list[str]) -> None:
        self.groups_file.write_text(json.dumps(groups))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_provider(directory: Path, redirect_uri: str):
    port = free_port()
    groups = directory / "groups.json"
    groups.write_text("[]")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"OIDC_PROVIDER_DATABASE": str(directory / "provider.sqlite3"), "OIDC_PROVIDER_GROUPS": str(groups)}
    with (directory / "provider.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider.serve", str(port), redirect_uri],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
    try:
        assert process.stdout.readline().strip() == "ready", (directory / "provider.log").read_text()
        yield IdentityProvider(url=f"http://127.0.0.1:{port}/o", groups_file=groups)
    finally:
        process.terminate()
        process.wait(timeout=10)


def sign_in_and_consent(authorization_url: str) -> str:
    """Follow the portal's redirect to the provider, sign in as sam, allow; the provider's redirect back."""
    browser = requests.Session()
    page = browser.get(authorization_url, timeout=10)
    browser.post(page.url, data={**hidden_fields(page.text), "username": USERNAME, "password": PASSWORD}, timeout=10)
    consent = browser.get(authorization_url, timeout=10)
    answer = browser.post(
        consent.url, data={**hidden_fields(consent.text), "allow": "Authorize"}, allow_redirects=False, timeout=10
    )
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def hidden_fields(html: str) -> dict:
    form = BeautifulSoup(html, "html.parser").find("form")
    return {field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")}
