"""The access rule through the API: a token sees exactly what its user may, within its spaces."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from api.models import ApiToken
from api.services import create_api_token, revoke_api_token
from community.models import Membership
from tests.community.factories import MembershipFactory, SpaceFactory
from tests.ideas.factories import CommentFactory
from tests.ideas.pages import PRIVATE_TITLE

pytestmark = pytest.mark.django_db

JSON = "application/json"


def private_paths(portal) -> list[str]:
    pk = portal.private_idea.pk
    return [f"/api/v1/ideas/{pk}/", f"/api/v1/ideas/{pk}/comments/", f"/api/v1/ideas/{pk}/history/"]


def listed_titles(client) -> list[str]:
    return [idea["title"] for idea in client.get("/api/v1/ideas/").json()["results"]]


@pytest.mark.parametrize("who", ["outsider", "moderator_elsewhere"])
def test_an_outsider_token_gets_a_404_for_a_private_idea_and_never_its_title(token_client, portal, who):
    CommentFactory(idea=portal.private_idea, body="Internal pricing detail")
    user = portal.outsider
    if who == "moderator_elsewhere":
        user = MembershipFactory(space=SpaceFactory(), role=Membership.Role.MODERATOR).user
    client = token_client(user)

    for path in private_paths(portal):
        response = client.get(path)
        assert response.status_code == 404
        assert PRIVATE_TITLE not in response.content.decode()
    assert PRIVATE_TITLE not in listed_titles(client)
    assert "partners" not in [space["slug"] for space in client.get("/api/v1/spaces/").json()]
    assert PRIVATE_TITLE not in client.get(f"/api/v1/ideas/?q={PRIVATE_TITLE}").content.decode()


@pytest.mark.parametrize("who", ["member", "moderator", "staff"])
def test_insiders_tokens_read_the_private_idea(token_client, portal, who):
    client = token_client(getattr(portal, who))

    for path in private_paths(portal):
        assert client.get(path).status_code == 200
    assert PRIVATE_TITLE in listed_titles(client)


def test_a_removed_member_loses_the_space_through_their_token_at_once(token_client, portal):
    client = token_client(portal.member)
    assert client.get(private_paths(portal)[0]).status_code == 200

    Membership.objects.filter(user=portal.member, space=portal.private).delete()

    assert client.get(private_paths(portal)[0]).status_code == 404
    assert PRIVATE_TITLE not in listed_titles(client)


def test_a_token_narrowed_to_a_space_sees_nothing_else(token_client, portal):
    client = token_client(portal.staff, spaces=[portal.private])

    assert listed_titles(client) == [PRIVATE_TITLE]
    assert client.get(f"/api/v1/ideas/{portal.public_idea.pk}/").status_code == 404
    assert [space["slug"] for space in client.get("/api/v1/spaces/").json()] == ["partners"]


def test_a_narrowed_token_cannot_moderate_outside_its_spaces(token_client, portal):
    client = token_client(portal.moderator, write=True, spaces=[portal.private])

    response = client.post(f"/api/v1/ideas/{portal.public_idea.pk}/status/", {"status": "planned"}, content_type=JSON)

    assert response.status_code == 404


def test_a_narrowed_token_cannot_post_outside_its_spaces(token_client, portal):
    client = token_client(portal.outsider, write=True, spaces=[SpaceFactory(slug="elsewhere")])

    response = client.post("/api/v1/ideas/", {"space": "product", "title": "Somewhere else"}, content_type=JSON)

    assert response.status_code == 400
    assert "space" in response.json()["error"]["fields"]


def test_a_revoked_token_stops_working_at_once(portal):
    token, key = create_api_token(portal.outsider, portal.outsider, name="ci")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/ideas/").status_code == 200

    revoke_api_token(portal.outsider, token)
    response = client.get("/api/v1/ideas/")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_the_token_of_a_deactivated_account_stops_working(token_client, portal):
    client = token_client(portal.member)
    portal.member.is_active = False
    portal.member.save()

    assert client.get("/api/v1/ideas/").status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer not-a-token", "Bearer gs_x gs_y", "Bearer \u00e9t\u00e9"])
def test_a_bad_token_is_a_401(portal, header):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/ideas/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_without_credentials_the_api_answers_401(portal):
    response = Client().get("/api/v1/ideas/")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_only_a_hash_of_the_token_is_stored_and_its_use_is_recorded(portal):
    token, key = create_api_token(portal.outsider, portal.outsider, name="ci")
    assert key.startswith("gs_")
    assert key not in token.key_hash
    assert token.prefix == key[:10]
    assert token.last_used_at is None

    Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/ideas/")

    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_people_may_not_make_tokens_for_others(portal):
    with pytest.raises(PermissionDenied):
        create_api_token(portal.outsider, portal.member, name="sneaky")


def test_the_browsable_api_works_with_the_site_session_and_csrf(portal):
    client = Client(enforce_csrf_checks=True)
    client.force_login(portal.member)

    page = client.get("/api/v1/ideas/", HTTP_ACCEPT="text/html")
    refused = client.post("/api/v1/ideas/", {"space": "product", "title": "Via session"}, content_type=JSON)

    assert page.status_code == 200
    assert PRIVATE_TITLE.encode() in page.content
    assert refused.status_code == 403  # a session write needs the CSRF token, as on the site


def test_a_session_of_an_outsider_sees_no_private_idea(portal):
    client = Client()
    client.force_login(portal.outsider)

    assert client.get(private_paths(portal)[0]).status_code == 404


def test_reference_lists_follow_the_access_rule(token_client, portal):
    outsider, member = token_client(portal.outsider), token_client(portal.member)

    assert [s["slug"] for s in outsider.get("/api/v1/spaces/").json()] == ["product"]
    assert [s["slug"] for s in member.get("/api/v1/spaces/").json()] == ["product", "partners"]
    assert {c["space"] for c in outsider.get("/api/v1/categories/").json()} == {"product"}
    assert [s["slug"] for s in outsider.get("/api/v1/statuses/").json()] == [
        "new",
        "under_review",
        "planned",
        "in_progress",
        "shipped",
        "declined",
        "duplicate",
    ]


def test_answers_to_a_token_are_never_kept_by_a_shared_cache(token_client, portal):
    response = token_client(portal.member).get("/api/v1/ideas/")

    assert "private" in response["Cache-Control"]
