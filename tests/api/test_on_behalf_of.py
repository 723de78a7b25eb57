"""Acting for someone by e-mail (a proxy vote, an idea posted for them): the caller's right comes
first, and an account is made for an unknown address only when the caller asks for it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import User
from ideas.models import Idea, Vote

pytestmark = pytest.mark.django_db

JSON = "application/json"
UNKNOWN = "heard@customer.example"


def vote_for(portal, email, **extra):
    return f"/api/v1/ideas/{portal.public_idea.pk}/votes/", {"email": email, **extra}


def post_for(portal, email, **extra):
    return "/api/v1/ideas/", {"space": "product", "title": "Schedule exports", "on_behalf_of": email, **extra}


ENDPOINTS = {"vote": (vote_for, "email"), "idea": (post_for, "on_behalf_of")}


def call(client, request):
    path, data = request
    with CaptureQueriesContext(connection) as queries:
        response = client.post(path, data, content_type=JSON)
    return response, [query["sql"] for query in queries.captured_queries]


def accounts_touched(sql: list[str], email: str) -> list[str]:
    """Queries that looked up the account of `email` or wrote one, rolled back or not."""
    return [query for query in sql if email.lower() in query.lower() or query.startswith('INSERT INTO "auth_user"')]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("create_person", [False, True])
@pytest.mark.parametrize("email", [UNKNOWN, "known"])
def test_someone_who_may_not_act_for_others_is_refused_before_any_account_is_looked_up_or_made(
    token_client, portal, endpoint, create_person, email
):
    email = portal.member.email if email == "known" else email
    users = User.objects.count()
    request = ENDPOINTS[endpoint][0](portal, email, create_person=create_person)

    response, sql = call(token_client(portal.outsider, write=True), request)

    assert response.status_code == 403
    assert accounts_touched(sql, email) == []
    assert User.objects.count() == users
    assert not Idea.objects.filter(title="Schedule exports").exists()
    assert Vote.objects.filter(idea=portal.public_idea).count() == 0


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_unknown_address_is_refused_unless_the_moderator_asks_for_an_account(token_client, portal, endpoint):
    build, field = ENDPOINTS[endpoint]

    response, sql = call(token_client(portal.moderator, write=True), build(portal, UNKNOWN))

    assert response.status_code == 400
    message = response.json()["error"]["fields"][field][0]
    assert "No one has an account with this e-mail address" in message
    assert not [query for query in sql if query.startswith('INSERT INTO "auth_user"')]
    assert not User.objects.filter(email=UNKNOWN).exists()
    assert not Idea.objects.filter(title="Schedule exports").exists()
    assert Vote.objects.filter(idea=portal.public_idea).count() == 0


def test_with_create_person_a_proxy_vote_makes_the_account(token_client, portal):
    response, _sql = call(token_client(portal.moderator, write=True), vote_for(portal, UNKNOWN, create_person=True))

    assert response.status_code == 201, response.content
    customer = User.objects.get(email=UNKNOWN)
    vote = Vote.objects.get(idea=portal.public_idea)
    assert (vote.user, vote.cast_by, vote.is_proxy) == (customer, portal.moderator, True)
    assert not customer.has_usable_password()


def test_with_create_person_an_idea_is_posted_for_a_new_account(token_client, portal):
    response, _sql = call(token_client(portal.moderator, write=True), post_for(portal, UNKNOWN, create_person=True))

    assert response.status_code == 201, response.content
    customer = User.objects.get(email=UNKNOWN)
    idea = Idea.objects.get(pk=response.json()["id"])
    vote = Vote.objects.get(idea=idea)
    assert (idea.author, vote.user, vote.cast_by, vote.is_proxy) == (customer, customer, portal.moderator, True)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_known_address_needs_no_create_person(token_client, portal, endpoint):
    users = User.objects.count()
    request = ENDPOINTS[endpoint][0](portal, portal.outsider.email.upper())

    response, _sql = call(token_client(portal.moderator, write=True), request)

    assert response.status_code == 201, response.content
    assert User.objects.count() == users
    assert Vote.objects.get(user=portal.outsider).is_proxy


def test_the_schema_documents_create_person(client):
    schemas = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["components"]

    for name in ("IdeaCreateRequest", "ProxyVoteRequest"):
        field = schemas["schemas"][name]["properties"]["create_person"]
        assert field["type"] == "boolean"
        assert "account" in field["description"]
