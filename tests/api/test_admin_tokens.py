"""Staff make, list and revoke API tokens in the back office; the key is shown once."""

import re

import pytest

from api.models import ApiToken, hash_token
from api.services import create_api_token
from tests.community.factories import SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

TOKENS = "/cms/apitoken/"


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def shown_key(page: str) -> str:
    keys = set(re.findall(r"gs_[A-Za-z0-9_-]{20,}", page))
    assert len(keys) == 1, keys
    return keys.pop()


def test_the_list_shows_each_token_without_its_key(admin_client, admin):
    bot = UserFactory(username="jira-bot")
    space = SpaceFactory(name="Acme Product")
    token, key = create_api_token(admin, bot, name="Jira sync", can_write=True, spaces=[space])

    page = admin_client.get(TOKENS).content.decode()

    assert "Jira sync" in page
    assert "jira-bot@example.com" in page
    assert f"{token.prefix}…" in page
    assert "Acme Product" in page
    assert key not in page


def test_the_list_queries_stay_flat_whatever_the_number_of_tokens(admin_client, admin, django_assert_max_num_queries):
    queries = []
    for added in (1, 10):
        for number in range(added):
            create_api_token(admin, UserFactory(), name=f"Sync {number}", spaces=[SpaceFactory(), SpaceFactory()])
        with django_assert_max_num_queries(12) as captured:
            assert admin_client.get(TOKENS).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]


def test_staff_make_a_token_and_see_its_key_once(admin_client, client):
    bot, space = UserFactory(username="bot"), SpaceFactory()
    idea = IdeaFactory(space=space)

    response = admin_client.post(
        f"{TOKENS}new/",
        {
            "user": bot.pk,
            "name": "Linear sync",
            "can_write": "on",
            "spaces": [space.pk],
            "status_mapping": '{"Done": "shipped"}',
        },
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "will not be shown again" in page
    key = shown_key(page)
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.can_write, token.status_mapping) == (
        bot,
        "Linear sync",
        True,
        {"Done": "shipped"},
    )
    assert list(token.spaces.all()) == [space]
    assert token.key_hash == hash_token(key)
    assert key not in admin_client.get(TOKENS).content.decode()
    assert client.get(f"/api/v1/ideas/{idea.pk}/", **bearer(key)).status_code == 200


def test_a_bad_status_mapping_is_shown_on_its_field_and_nothing_is_made(admin_client):
    response = admin_client.post(
        f"{TOKENS}new/",
        {"user": UserFactory().pk, "name": "Sync", "status_mapping": '{"Done": "launched"}'},
    )

    assert response.status_code == 200
    assert "launched" in response.context["form"].errors["status_mapping"][0]
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it_and_keeps_it_listed(admin_client, admin, client):
    token, key = create_api_token(admin, UserFactory(), name="Old sync")
    assert client.get("/api/v1/ideas/", **bearer(key)).status_code == 200

    assert "Revoke" in admin_client.get(f"{TOKENS}revoke/{token.pk}/").content.decode()
    response = admin_client.post(f"{TOKENS}revoke/{token.pk}/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/v1/ideas/", **bearer(key)).status_code == 401
    assert "Old sync" in admin_client.get(TOKENS).content.decode()


def test_the_inspect_page_shows_the_token_and_offers_to_revoke_it(admin_client, admin):
    token, key = create_api_token(admin, UserFactory(), name="Sync", status_mapping={"Done": "shipped"})

    page = admin_client.get(f"{TOKENS}inspect/{token.pk}/").content.decode()

    assert "Done → shipped" in page
    assert f"{TOKENS}revoke/{token.pk}/" in page
    assert key not in page


@pytest.mark.parametrize("path", ["edit/{pk}/", "delete/{pk}/"])
def test_tokens_are_neither_edited_nor_deleted(admin_client, admin, path):
    token, _key = create_api_token(admin, UserFactory(), name="Sync")

    assert admin_client.get(TOKENS + path.format(pk=token.pk)).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("path", ["", "new/", "revoke/{pk}/", "inspect/{pk}/"])
def test_people_who_are_not_staff_cannot_reach_the_tokens(client, admin, path):
    token, _key = create_api_token(admin, UserFactory(), name="Sync")
    client.force_login(UserFactory())

    response = client.get(TOKENS + path.format(pk=token.pk))
    revoke = client.post(f"{TOKENS}revoke/{token.pk}/")

    assert response.status_code in {302, 403}
    assert revoke.status_code in {302, 403}
    token.refresh_from_db()
    assert token.revoked_at is None
