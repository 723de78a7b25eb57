"""GET /api/v1/ideas/: fields, filters, ordering and cursor pagination."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone

from ideas.models import Idea, TrackerLink
from tests.community.factories import SpaceFactory, UserFactory
from tests.ideas.factories import CategoryFactory, IdeaFactory, VoteFactory

pytestmark = pytest.mark.django_db

IDEA_FIELDS = {
    "id",
    "url",
    "api_url",
    "title",
    "body_markdown",
    "body_html",
    "problem_markdown",
    "problem_html",
    "status",
    "space",
    "category",
    "tags",
    "author",
    "vote_count",
    "votes_by_segment",
    "comment_count",
    "created_at",
    "updated_at",
    "merged_into",
    "tracker_links",
    "campaign",
}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [idea["id"] for idea in response.json()["results"]]


def test_an_idea_carries_every_field_of_the_contract(token_client, portal):
    idea = portal.public_idea
    idea.body = "Use **bold** <script>alert(1)</script>"
    idea.save()
    idea.tags.set(["reports", "export"])
    VoteFactory(idea=idea, segment="partner")
    VoteFactory(idea=idea, segment="customer")
    TrackerLink.objects.create(idea=idea, tracker="jira", key="PROJ-1", url="https://jira.example.com/PROJ-1")

    [listed] = token_client(portal.outsider).get("/api/v1/ideas/").json()["results"]

    assert set(listed) == IDEA_FIELDS
    assert listed["url"] == f"http://testserver/ideas/{idea.pk}/"
    assert listed["api_url"] == f"http://testserver/api/v1/ideas/{idea.pk}/"
    assert listed["body_markdown"] == idea.body
    assert "<strong>bold</strong>" in listed["body_html"]
    assert "<script>" not in listed["body_html"]
    assert listed["space"] == {"slug": "product", "name": "Acme Product"}
    assert listed["category"] == {"slug": idea.category.slug, "name": idea.category.name}
    assert listed["tags"] == ["export", "reports"]
    assert listed["author"] == {"display_name": idea.author.display_name}
    assert (listed["vote_count"], listed["votes_by_segment"]) == (2, {"customer": 1, "partner": 1, "employee": 0})
    assert listed["merged_into"] is None
    assert listed["campaign"] is None
    assert [(link["tracker"], link["key"]) for link in listed["tracker_links"]] == [("jira", "PROJ-1")]


def test_only_staff_tokens_see_authors_email_addresses(token_client, portal):
    as_moderator = token_client(portal.moderator).get(f"/api/v1/ideas/{portal.public_idea.pk}/").json()
    as_staff = token_client(portal.staff).get(f"/api/v1/ideas/{portal.public_idea.pk}/").json()

    assert "email" not in as_moderator["author"]
    assert as_staff["author"]["email"] == portal.public_idea.author.email


def test_status_takes_a_comma_separated_list(token_client, portal):
    planned = IdeaFactory(space=portal.public, status=Idea.Status.PLANNED)
    shipped = IdeaFactory(space=portal.public, status=Idea.Status.SHIPPED)

    listed = ids(token_client(portal.outsider).get("/api/v1/ideas/?status=planned,shipped&ordering=created"))

    assert listed == [planned.pk, shipped.pk]


def test_space_category_and_min_votes_narrow_the_list(token_client, portal):
    other_space = SpaceFactory(slug="other")
    IdeaFactory(space=other_space)
    category = portal.public_idea.category
    popular = IdeaFactory(space=portal.public, category=category)
    VoteFactory.create_batch(3, idea=popular)
    client = token_client(portal.outsider)

    assert set(ids(client.get("/api/v1/ideas/?space=product"))) == {portal.public_idea.pk, popular.pk}
    assert set(ids(client.get(f"/api/v1/ideas/?category={category.slug}"))) == {portal.public_idea.pk, popular.pk}
    assert ids(client.get("/api/v1/ideas/?min_votes=3")) == [popular.pk]
    assert ids(client.get("/api/v1/ideas/?space=partners")) == []


def test_updated_since_and_created_since_take_iso_8601(token_client, portal):
    long_ago = timezone.now() - timedelta(days=30)
    Idea.objects.filter(pk=portal.public_idea.pk).update(created_at=long_ago, updated_at=long_ago)
    recent = IdeaFactory(space=portal.public)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    client = token_client(portal.outsider)

    assert ids(client.get("/api/v1/ideas/", {"updated_since": since})) == [recent.pk]
    assert ids(client.get("/api/v1/ideas/", {"created_since": since})) == [recent.pk]
    assert ids(client.get("/api/v1/ideas/", {"updated_since": "2000-01-01T00:00:00Z"})) == [
        recent.pk,
        portal.public_idea.pk,
    ]


def test_q_searches_as_the_site_does(token_client, portal):
    IdeaFactory(space=portal.public, title="Dark mode for the dashboard")

    assert ids(token_client(portal.outsider).get("/api/v1/ideas/?q=spreadsheet")) == [portal.public_idea.pk]


@pytest.mark.parametrize("query", ["!!!", "_", "%", "-- ?!"])
def test_q_without_words_finds_nothing(token_client, portal, query):
    response = token_client(portal.outsider).get("/api/v1/ideas/", {"q": query})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("query", ["min_votes=99999999999999999999", "space=99999999999999999999"])
def test_numbers_beyond_the_database_range_in_filters_find_nothing(token_client, portal, query):
    assert ids(token_client(portal.staff).get(f"/api/v1/ideas/?{query}")) == []


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("votes", ["quiet", "middle", "loud"]),
        ("-votes", ["loud", "middle", "quiet"]),
        ("created", ["loud", "middle", "quiet"]),
        ("-created", ["quiet", "middle", "loud"]),
        ("updated", ["middle", "quiet", "loud"]),
        ("-updated", ["loud", "quiet", "middle"]),
        ("trending", ["loud", "middle", "quiet"]),
    ],
)
def test_every_ordering(token_client, ordering, expected):
    space = SpaceFactory()
    now = timezone.now()
    made = {}
    for age, (name, votes, touched) in enumerate([("loud", 9, 0), ("middle", 5, 20), ("quiet", 1, 10)]):
        made[name] = IdeaFactory(space=space, title=f"The {name} idea")
        Idea.objects.filter(pk=made[name].pk).update(
            vote_count=votes,
            trending_score=votes - age,
            created_at=now - timedelta(days=30 - age),
            updated_at=now - timedelta(days=touched),
        )

    listed = ids(token_client(UserFactory()).get(f"/api/v1/ideas/?ordering={ordering}"))

    assert listed == [made[name].pk for name in expected]


def test_cursor_pagination_walks_every_idea_once(token_client):
    space = SpaceFactory()
    every = {idea.pk for idea in IdeaFactory.create_batch(7, space=space)}
    client = token_client(UserFactory())

    seen, page = [], client.get("/api/v1/ideas/?page_size=3&ordering=-votes").json()
    while True:
        seen += [idea["id"] for idea in page["results"]]
        if not page["next"]:
            break
        page = client.get(page["next"]).json()

    assert sorted(seen) == sorted(every)
    assert page["previous"] is not None
    assert set(page) == {"next", "previous", "results"}


@pytest.mark.parametrize(("ordering", "position"), [("votes", "abc"), ("trending", "many"), ("-created", "yesterday")])
def test_a_cursor_pointing_nowhere_is_a_404(token_client, ordering, position):
    IdeaFactory(space=SpaceFactory())
    cursor = base64.b64encode(f"p={position}".encode()).decode()

    response = token_client(UserFactory()).get("/api/v1/ideas/", {"ordering": ordering, "cursor": cursor})

    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Invalid cursor"


def test_page_size_is_capped_at_100(token_client):
    IdeaFactory.create_batch(101, space=SpaceFactory())

    page = token_client(UserFactory()).get("/api/v1/ideas/?page_size=500").json()

    assert len(page["results"]) == 100
    assert page["next"]


def test_merged_ideas_are_listed_with_where_they_went(token_client, portal):
    source = IdeaFactory(space=portal.public, status=Idea.Status.DUPLICATE, merged_into=portal.public_idea)

    listed = token_client(portal.outsider).get(f"/api/v1/ideas/{source.pk}/").json()

    assert (listed["status"], listed["merged_into"]) == ("duplicate", portal.public_idea.pk)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=planned,someday", "status"),
        ("ordering=popularity", "ordering"),
        ("min_votes=many", "min_votes"),
        ("updated_since=yesterday", "updated_since"),
        ("created_since=2026-13-45", "created_since"),
    ],
)
def test_a_parameter_that_makes_no_sense_is_a_400_naming_it(token_client, query, field):
    response = token_client(UserFactory()).get(f"/api/v1/ideas/?{query}")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]
    assert error["message"]


def test_the_list_costs_the_same_number_of_queries_whatever_its_length(token_client, django_assert_max_num_queries):
    space = SpaceFactory()
    staff = UserFactory(is_staff=True)
    client = token_client(staff)
    for idea in IdeaFactory.create_batch(30, space=space, category=CategoryFactory(space=space)):
        idea.tags.set(["one", "two"])
        TrackerLink.objects.create(idea=idea, tracker="jira", key=f"K-{idea.pk}", url="https://jira.example.com/")

    with django_assert_max_num_queries(8):
        page = client.get("/api/v1/ideas/?page_size=100").json()

    assert len(page["results"]) == 30
