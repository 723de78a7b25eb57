"""An id in a URL that no database row can have is a missing page (404), never a 500.

The sweep walks every URL pattern of the project whose view is ours and that takes an
integer, and asks for each with ids beyond the id columns' range, signed in as a superuser
(with a write token for the API) so that no permission check answers first.
"""

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.converters import IntConverter, get_converters
from django.urls.resolvers import RoutePattern

from api.services import create_api_token
from community.converters import IdConverter
from tests.community.factories import SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"api", "cms", "community", "ideas", "portal"}
# One past the largest BigAutoField, and a number no 64-bit integer holds.
HUGE_IDS = [2**63, 10**20]
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
METHODS = ["GET", "POST", "PATCH", "DELETE"]


def routes(patterns, prefix: str = ""):
    """(route, view) for every pattern reached only through `path()` routes."""
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, route)
        else:
            yield route, entry.callback


def is_ours(view) -> bool:
    return view.__module__.split(".")[0] in OUR_APPS


def converters_of(route: str) -> list[type]:
    return [type(get_converters()[match["converter"] or "str"]) for match in PARAMETER.finditer(route)]


def id_routes() -> list[str]:
    return sorted(
        {
            route
            for route, view in routes(get_resolver().url_patterns)
            if is_ours(view) and any(issubclass(kind, IntConverter) for kind in converters_of(route))
        }
    )


def unbounded(route: str) -> bool:
    return any(issubclass(kind, IntConverter) and not issubclass(kind, IdConverter) for kind in converters_of(route))


def url_of(route: str, number: int, values: dict[str, str]) -> str:
    def value(match) -> str:
        kind = type(get_converters()[match["converter"] or "str"])
        if issubclass(kind, IntConverter):
            return str(number)
        return values.get(match["name"], str(uuid.uuid4()) if match["converter"] == "uuid" else "x")

    return "/" + PARAMETER.sub(value, route)


def test_ids_beyond_the_database_range_are_not_found_anywhere():
    staff = UserFactory(is_staff=True, is_superuser=True)
    space = SpaceFactory()
    _token, key = create_api_token(staff, staff, name="sweep", can_write=True)
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {key}")
    client.force_login(staff)
    values = {"slug": space.slug, "kind": "ideas", "action": "hide", "username": staff.username}

    swept = id_routes()
    # The back office (cms/) is Wagtail's URL scheme: only asked, not required to use `<id:...>`.
    failures = [f"{route}: unbounded" for route in swept if not route.startswith("cms/") and unbounded(route)]
    for route in swept:
        for number in HUGE_IDS:
            url = url_of(route, number, values)
            for method in METHODS:
                response = client.generic(method, url, b"{}", content_type="application/json")
                if response.status_code >= 500 or response.status_code < 400:
                    failures.append(f"{method} {url}: {response.status_code}")

    # Pages, the API and our back-office views: the sweep cannot pass by finding nothing.
    assert len(swept) >= 35, swept
    assert {"ideas/<id:pk>/", "spaces/<slug:slug>/members/<id:user_id>/remove/", "api/v1/ideas/<id:pk>/"} <= set(swept)
    assert failures == []
