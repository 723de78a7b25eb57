"""The total of a list is counted once for a while, and never shared between viewers
who may see different ideas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideas.models import Idea
from ideas.pagination import CachedCountPaginator
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return sum("COUNT(" in query["sql"] for query in queries.captured_queries)


def test_a_second_look_at_a_list_does_not_count_it_again(client):
    IdeaFactory.create_batch(3)
    assert count_queries(client, reverse("ideas:list")) == 1
    assert count_queries(client, reverse("ideas:list")) == 0


def test_a_member_and_an_outsider_never_share_a_total(client):
    private = SpaceFactory(visibility="private")
    member = MembershipFactory(space=private).user
    IdeaFactory(space=private, title="Partner-only roadmap idea")
    IdeaFactory(title="Public idea for everyone")

    client.force_login(member)
    assert "2 ideas" in client.get(reverse("ideas:list")).content.decode()
    client.force_login(UserFactory())
    assert "1 idea" in client.get(reverse("ideas:list")).content.decode()
    client.logout()
    assert "1 idea" in client.get(reverse("ideas:list")).content.decode()


def test_filters_have_their_own_totals(client):
    IdeaFactory(status="planned")
    IdeaFactory(status="new")
    assert "2 ideas" in client.get(reverse("ideas:list")).content.decode()
    assert "1 idea" in client.get(reverse("ideas:list") + "?status=planned").content.decode()


def test_a_list_that_can_match_nothing_counts_none_without_asking_the_database(django_assert_num_queries):
    IdeaFactory()
    with django_assert_num_queries(0):
        page = CachedCountPaginator(Idea.objects.filter(pk__in=[]).order_by("pk"), 20).get_page(1)
    assert page.paginator.count == 0
    assert list(page) == []
