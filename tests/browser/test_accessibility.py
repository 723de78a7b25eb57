"""axe-core finds no serious or critical WCAG 2.1 AA problem on the entry pages."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_entry_page_has_no_serious_accessibility_violations(page, axe_violations, path):
    page.goto(path)
    assert page.locator("main#main").is_visible()
    assert axe_violations(page) == []
