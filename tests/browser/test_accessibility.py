"""axe-core finds no serious or critical WCAG 2.1 AA problem on the entry pages."""

import pytest

from tests.markers import transactional_db

pytestmark = [pytest.mark.browser, transactional_db]


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_entry_page_has_no_serious_accessibility_violations(page, axe_violations, path):
    assert page.goto(path).status == 200
    assert page.locator("main#main h1").is_visible()
    assert axe_violations(page) == []
