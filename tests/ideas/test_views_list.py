"""The idea lists (/ideas/, /spaces/<slug>/) and the list of spaces."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from community.models import Space
from ideas.models import Idea, Vote
from tests.community.factories import UserFactory
from tests.ideas.factories import CategoryFactory, CommentFactory, IdeaFactory, VoteFactory
from tests.ideas.pages import INSIDERS, PRIVATE_TITLE, VIEWERS, portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_idea_list_shows_private_ideas_only_to_insiders(client, portal, viewer):
    page = signed_in(client, getattr(portal, viewer)).get(reverse("ideas:list")).content.decode()
    assert portal.public_idea.title in page
    assert (PRIVATE_TITLE in page) == (viewer in INSIDERS)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_search_finds_private_ideas_only_for_insiders(client, portal, viewer):
    IdeaFactory(space=portal.public, title="Export invoices as PDF")
    page = signed_in(client, getattr(portal, viewer)).get(reverse("ideas:list"), {"q": "export"}).content.decode()
    assert "Export invoices as PDF" in page
    assert "Export reports to spreadsheets" in page
    assert (PRIVATE_TITLE in page) == (viewer in INSIDERS)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_private_space_page_is_not_found_for_outsiders(client, portal, viewer):
    response = signed_in(client, getattr(portal, viewer)).get(reverse("ideas:space", args=["partners"]))
    page = response.content.decode()
    if viewer in INSIDERS:
        assert response.status_code == 200
        assert PRIVATE_TITLE in page
    else:
        assert response.status_code == 404
        assert PRIVATE_TITLE not in page
        assert "Partner Lounge" not in page


def test_a_space_page_shows_only_its_own_ideas_with_its_description(client, portal):
    Space.objects.filter(pk=portal.public.pk).update(description="Everything about the <b>product</b>.")
    page = signed_in(client, portal.staff).get(reverse("ideas:space", args=["product"])).content.decode()
    assert "Everything about the &lt;b&gt;product&lt;/b&gt;." in page
    assert portal.public_idea.title in page
    assert PRIVATE_TITLE not in page
    assert f'href="{reverse("ideas:submit")}?space=product"' in page


def test_an_unknown_space_is_not_found(client, portal):
    assert client.get(reverse("ideas:space", args=["nowhere"])).status_code == 404


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_spaces_page_lists_private_spaces_only_for_insiders(client, portal, viewer):
    page = signed_in(client, getattr(portal, viewer)).get(reverse("ideas:spaces")).content.decode()
    assert "Acme Product" in page
    assert ("Partner Lounge" in page) == (viewer in INSIDERS)


def test_the_spaces_page_counts_the_ideas_a_list_would_show(client, portal):
    IdeaFactory.create_batch(2, space=portal.public)
    IdeaFactory(space=portal.public, hidden=True)
    page = client.get(reverse("ideas:spaces")).content.decode()
    assert "3 ideas" in page
    assert "Public" in page


def test_the_spaces_page_counts_ideas_in_one_query_whatever_the_number_of_spaces(
    client, portal, django_assert_max_num_queries
):
    for number in range(10):
        IdeaFactory(space=Space.objects.create(slug=f"extra-{number}", name=f"Extra {number}"))
    with django_assert_max_num_queries(1):
        assert client.get(reverse("ideas:spaces")).status_code == 200


def test_each_row_shows_status_space_category_author_votes_breakdown_and_comments(client, portal):
    idea = portal.public_idea
    VoteFactory(idea=idea, importance=Vote.Importance.BLOCKER)
    Idea.objects.filter(pk=idea.pk).update(votes_blocker=1, status=Idea.Status.PLANNED, comment_count=2)
    page = client.get(reverse("ideas:list")).content.decode()
    assert f'href="{idea.get_absolute_url()}"' in page
    assert "Planned" in page
    assert f'href="{reverse("ideas:space", args=["product"])}">Acme Product' in page
    assert idea.category.name in page
    assert f'href="{reverse("ideas:person", args=[idea.author.username])}">{idea.author.display_name}' in page
    assert "<strong>1</strong>" in page
    assert "0 nice to have" in page
    assert "1 blocker" in page
    assert "2 comments" in page


def test_a_voter_sees_which_ideas_they_voted_for(client, portal):
    VoteFactory(idea=portal.public_idea, user=portal.outsider)
    page = signed_in(client, portal.outsider).get(reverse("ideas:list")).content.decode()
    assert "You voted" in page
    client.logout()
    assert "You voted" not in client.get(reverse("ideas:list")).content.decode()


def test_the_list_explains_the_trending_order(client, portal):
    page = client.get(reverse("ideas:list")).content.decode()
    assert "Trending: votes count, and so does age." in page
    assert "12.5 hours" in page


def test_the_list_offers_to_share_an_idea(client, portal):
    assert f'href="{reverse("ideas:submit")}"' in client.get(reverse("ideas:list")).content.decode()


def test_the_main_navigation_links_to_ideas_and_spaces(client, portal):
    page = client.get(reverse("ideas:list")).content.decode()
    assert f'href="{reverse("ideas:list")}" aria-current="page">Ideas' in page
    assert f'href="{reverse("ideas:spaces")}"' in page


def test_filtering_by_several_statuses(client, portal):
    IdeaFactory(space=portal.public, title="A planned idea here", status=Idea.Status.PLANNED)
    IdeaFactory(space=portal.public, title="A shipped idea here", status=Idea.Status.SHIPPED)
    IdeaFactory(space=portal.public, title="A declined idea here", status=Idea.Status.DECLINED)
    page = client.get(reverse("ideas:list"), {"status": ["planned", "shipped"]}).content.decode()
    assert "A planned idea here" in page
    assert "A shipped idea here" in page
    assert "A declined idea here" not in page
    assert portal.public_idea.title not in page


def test_filtering_a_space_by_category(client, portal):
    reports = CategoryFactory(space=portal.public, name="Reports", slug="reports")
    IdeaFactory(space=portal.public, title="Reports by e-mail", category=reports)
    page = client.get(reverse("ideas:space", args=["product"]), {"category": "reports"}).content.decode()
    assert "Reports by e-mail" in page
    assert portal.public_idea.title not in page
    assert 'href="?category=reports" aria-current="true">Reports' in page


def test_mine_and_voted_filters_show_the_viewers_ideas_and_votes(client, portal):
    mine = IdeaFactory(space=portal.public, author=portal.outsider, title="My very own idea")
    VoteFactory(idea=portal.public_idea, user=portal.outsider)
    signed_in(client, portal.outsider)
    page = client.get(reverse("ideas:list"), {"mine": "on"}).content.decode()
    assert mine.title in page
    assert portal.public_idea.title not in page
    page = client.get(reverse("ideas:list"), {"voted": "on"}).content.decode()
    assert portal.public_idea.title in page
    assert mine.title not in page


def test_anonymous_visitors_have_no_mine_or_voted_filters(client, portal):
    page = client.get(reverse("ideas:list")).content.decode()
    assert 'name="mine"' not in page
    assert 'name="voted"' not in page


def test_nonsense_in_the_query_string_is_ignored(client, portal):
    response = client.get(reverse("ideas:list"), {"status": "nonsense", "sort": "random", "page": "x"})
    assert response.status_code == 200
    assert portal.public_idea.title in response.content.decode()


@pytest.mark.parametrize("query", ["!!!", "_", "%", "-- ?!", "'\""])
@pytest.mark.parametrize("page", ["list", "space"])
def test_a_search_without_words_finds_nothing(client, portal, query, page):
    path = reverse("ideas:list") if page == "list" else reverse("ideas:space", args=[portal.public.slug])
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    assert portal.public_idea.title not in response.content.decode()
    assert "No idea matches these filters." in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "first"),
    [("top", "Most voted"), ("newest", "Newest of all"), ("updated", "Latest activity")],
)
def test_sorting(client, portal, sort, first):
    long_ago = timezone.now() - timezone.timedelta(days=30)
    most_voted = IdeaFactory(space=portal.public, title="Most voted")
    Idea.objects.filter(pk=most_voted.pk).update(vote_count=99, created_at=long_ago, updated_at=long_ago)
    IdeaFactory(space=portal.public, title="Latest activity")
    Idea.objects.filter(title="Latest activity").update(
        created_at=long_ago, updated_at=timezone.now() + timezone.timedelta(hours=1)
    )
    IdeaFactory(space=portal.public, title="Newest of all")
    Idea.objects.filter(title="Newest of all").update(created_at=timezone.now() + timezone.timedelta(minutes=5))
    page = client.get(reverse("ideas:list"), {"sort": sort}).content.decode()
    positions = {title: page.index(title) for title in ("Most voted", "Newest of all", "Latest activity")}
    assert min(positions, key=positions.get) == first


def test_pages_of_twenty_with_links_that_keep_the_filters(client, portal):
    IdeaFactory.create_batch(45, space=portal.public, status=Idea.Status.PLANNED)
    first = client.get(reverse("ideas:list"), {"status": "planned"}).content.decode()
    assert first.count('class="idea-row"') == 20
    assert "45 ideas" in first
    assert 'rel="next" href="?status=planned&amp;page=2"' in first
    assert 'rel="prev"' not in first
    last = client.get(reverse("ideas:list"), {"status": "planned", "page": 3}).content.decode()
    assert last.count('class="idea-row"') == 5
    assert 'rel="prev" href="?status=planned&amp;page=2"' in last
    assert 'rel="next"' not in last


def add_listed_ideas(portal, count: int) -> None:
    """Ideas in both spaces, each with a vote, a comment and one of a few authors."""
    authors = UserFactory.create_batch(3)
    for number in range(count):
        idea = IdeaFactory(space=portal.public if number % 2 else portal.private, author=authors[number % 3])
        CommentFactory(idea=idea)
        VoteFactory(idea=idea, user=authors[0])


# Signed in: the session, the user, the unread notifications and the moderation link of the page header.
LIST_QUERIES = {"anonymous": 2, "member": 6}


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
@pytest.mark.parametrize("params", [{}, {"q": "idea"}, {"status": "new", "sort": "top"}, {"voted": "on"}])
def test_list_queries_stay_flat_whatever_the_page_length(client, portal, django_assert_max_num_queries, viewer, params):
    """The count and one query for the rows, with everything each row shows, for 5 or 50 ideas."""
    signed_in(client, getattr(portal, viewer))
    queries = []
    for added in (5, 45):
        add_listed_ideas(portal, added)
        cache.clear()  # each look counts the list afresh (the total is cached, see ideas/pagination.py)
        with django_assert_max_num_queries(LIST_QUERIES[viewer]) as captured:
            assert client.get(reverse("ideas:list"), params).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]


def test_space_page_queries_stay_flat(client, portal, django_assert_max_num_queries):
    signed_in(client, portal.member)
    queries = []
    for added in (5, 45):
        for _number in range(added):
            IdeaFactory(space=portal.private, category=CategoryFactory(space=portal.private))
        cache.clear()
        # The list's queries, plus the space, its categories, and (for a member) its members.
        with django_assert_max_num_queries(LIST_QUERIES["member"] + 4) as captured:
            assert client.get(reverse("ideas:space", args=["partners"])).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]


def test_titles_with_markup_are_shown_as_text(client, portal):
    IdeaFactory(space=portal.public, title='<script>alert("x")</script><img src=x onerror=alert(1)>')
    page = client.get(reverse("ideas:list")).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
