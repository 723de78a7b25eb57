"""Pages rendered for a signed-in person are marked private; anonymous pages are not."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/accounts/profile/"])
def test_a_signed_in_page_is_private_to_its_reader(client, member, path):
    client.force_login(member)
    response = client.get(path)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_an_anonymous_page_may_be_cached_by_others(client):
    response = client.get("/")
    assert "private" not in response.get("Cache-Control", "")
