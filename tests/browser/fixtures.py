"""A real headless Chromium (Debian's package) driven by Playwright, for the user journeys.

Playwright cannot download its own browsers on our machines, so it is pointed at
``/usr/bin/chromium`` (``make test`` installs it). Axe-core comes from npm.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run `make chromium` (Debian's chromium package).")
    # Playwright's sync API keeps an event loop in this thread from here on; the tests'
    # own ORM calls (and the database set-up of later tests) are still synchronous, so
    # Django's async guard is lifted while the browser runs.
    # Playwright also runs the tests in a greenlet of its own, where Django hands out new
    # connection objects: the snapshot that restores what migrations made (serialized
    # rollback) is carried over to them, or later tests would find an empty database.
    serialized = getattr(connection, "_test_serialized_contents", None)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        if serialized is not None:
            connection._test_serialized_contents = serialized
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own cookies) whose relative URLs go to the live test server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(error))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def axe_violations():
    """Run axe-core on the page; return the serious and critical WCAG 2.1 A/AA violations."""

    def run(tab):
        # Evaluated through the DevTools protocol, which the page's CSP rightly does not
        # allow as an inline <script>.
        tab.evaluate(AXE_SCRIPT.read_text())
        result = tab.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        assert result["passes"], "axe-core ran no check: is the page empty?"
        return [
            f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
            for violation in result["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]

    return run
