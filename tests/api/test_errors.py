"""Errors in one shape, and the per-token rate limit."""

import pytest
from django.test import Client

from api.services import create_api_token
from ideas.models import Idea

pytestmark = pytest.mark.django_db


def shape(response) -> dict:
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    return error


def test_malformed_json_is_a_400(token_client, portal):
    response = token_client(portal.outsider, write=True).post(
        "/api/v1/ideas/", "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert shape(response)["code"] == "parse_error"


def test_a_form_body_is_an_unsupported_media_type(token_client, portal):
    response = token_client(portal.outsider, write=True).post(
        "/api/v1/ideas/", "space=product&title=Hello+there", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415
    assert shape(response)["code"] == "unsupported_media_type"
    assert not Idea.objects.filter(title="Hello there").exists()


def test_an_unknown_path_under_the_api_is_a_json_404(token_client, portal):
    response = token_client(portal.outsider).get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert shape(response)["code"] == "not_found"


def test_a_method_the_endpoint_does_not_take_is_a_405(token_client, portal):
    response = token_client(portal.outsider, write=True).delete(f"/api/v1/ideas/{portal.public_idea.pk}/")

    assert response.status_code == 405
    assert shape(response)["code"] == "method_not_allowed"


def test_a_token_over_its_hourly_limit_gets_429_with_retry_after(settings, portal):
    settings.API_RATE_LIMIT = "3/hour"
    _token, key = create_api_token(portal.outsider, portal.outsider, name="busy")
    _other, other_key = create_api_token(portal.member, portal.member, name="calm")
    busy, calm = Client(HTTP_AUTHORIZATION=f"Bearer {key}"), Client(HTTP_AUTHORIZATION=f"Bearer {other_key}")

    answers = [busy.get("/api/v1/statuses/").status_code for _ in range(4)]
    limited = busy.get("/api/v1/statuses/")

    assert answers == [200, 200, 200, 429]
    assert shape(limited)["code"] == "throttled"
    assert 0 < int(limited["Retry-After"]) <= 3600
    assert calm.get("/api/v1/statuses/").status_code == 200


def test_a_limited_write_writes_nothing(settings, token_client, portal):
    settings.API_RATE_LIMIT = "1/hour"
    client = token_client(portal.outsider, write=True)
    client.get("/api/v1/statuses/")

    response = client.post(
        "/api/v1/ideas/", {"space": "product", "title": "Too many requests"}, content_type="application/json"
    )

    assert response.status_code == 429
    assert not Idea.objects.filter(title="Too many requests").exists()


def test_an_invalid_item_of_a_list_field_is_named_by_its_message(token_client, portal):
    response = token_client(portal.outsider, write=True).post(
        "/api/v1/ideas/",
        {"space": "product", "title": "Tagged", "tags": ["ok", "x" * 61]},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert shape(response)["fields"] == {"tags": ["Ensure this field has no more than 60 characters."]}
