"""An idea's page shows voters where the work stands: each tracker issue, its state, and the tags."""

import re

import pytest
from django.urls import reverse

from ideas import services
from tests.ideas.pages import VIEWERS, portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def page_of(client, idea) -> str:
    response = client.get(reverse("ideas:detail", args=[idea.pk]))
    assert response.status_code == 200
    return response.content.decode()


def link(portal, idea, *, tracker="Jira", key="WEB-12", state="In Progress"):
    return services.link_tracker(
        portal.moderator, idea, tracker=tracker, key=key, url=f"https://tracker.example.com/{key}", state=state
    )


@pytest.mark.parametrize("viewer", VIEWERS)
def test_everyone_who_sees_the_idea_sees_its_tracker_issues_and_their_states(client, portal, viewer):
    idea = portal.public_idea
    link(portal, idea, tracker="Jira", key="WEB-12", state="In Progress")
    link(portal, idea, tracker="Linear", key="APP-7", state="Done")

    page = page_of(signed_in(client, getattr(portal, viewer)), idea)

    assert "In the trackers" in page
    section = page[page.index("In the trackers") :]
    assert section.index("WEB-12") < section.index("APP-7")
    for tracker, key, state in [("Jira", "WEB-12", "In Progress"), ("Linear", "APP-7", "Done")]:
        assert tracker in section
        assert f'<a href="https://tracker.example.com/{key}" rel="nofollow noopener noreferrer">{key}</a>' in section
        assert state in section


def test_every_issue_link_tells_search_engines_and_the_tracker_nothing(client, portal):
    idea = portal.public_idea
    link(portal, idea, key="WEB-1")
    link(portal, idea, key="WEB-2")

    page = page_of(client, idea)

    issue_links = re.findall(r'<a href="https://tracker\.example\.com/[^"]*"[^>]*>', page)
    assert len(issue_links) == 2
    assert all('rel="nofollow noopener noreferrer"' in tag for tag in issue_links)


def test_an_idea_without_links_has_no_tracker_section(client, portal):
    assert "In the trackers" not in page_of(client, portal.public_idea)


def test_markup_in_tracker_name_key_or_state_is_shown_as_text(client, portal):
    idea = portal.public_idea
    script = "<script>alert(1)</script>"
    services.link_tracker(
        portal.moderator,
        idea,
        tracker="<b>Jira</b>",
        key=f'WEB-1"><img src=x onerror=alert(1)>{script}'[:100],
        url='https://tracker.example.com/a"onmouseover="alert(1)',
        state=script,
    )

    page = page_of(client, idea)

    assert script not in page
    assert "<img src=x" not in page
    assert "<b>Jira</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Jira&lt;/b&gt;" in page
    assert 'href="https://tracker.example.com/a&quot;onmouseover=&quot;alert(1)"' in page


def test_the_tags_show_as_labels(client, portal):
    idea = services.submit_idea(portal.outsider, portal.public, "Dark mode for reports", "", tags=["ux", "<i>css</i>"])

    page = page_of(client, idea)

    tags = page[page.index('class="tag-list"') :]
    tags = tags[: tags.index("</ul>")]
    assert 'aria-label="Tags"' in tags
    assert re.findall(r'<li class="badge tag">([^<]*)</li>', tags) == ["&lt;i&gt;css&lt;/i&gt;", "ux"]


def test_an_idea_without_tags_shows_no_tag_list(client, portal):
    assert 'class="tag-list"' not in page_of(client, portal.public_idea)


def test_a_private_ideas_tracker_issues_stay_private(client, portal):
    link(portal, portal.private_idea, key="SECRET-1")

    response = signed_in(client, portal.outsider).get(reverse("ideas:detail", args=[portal.private_idea.pk]))

    assert response.status_code == 404
    assert "SECRET-1" not in response.content.decode()


def test_the_page_queries_stay_flat_whatever_the_number_of_links_and_tags(
    client, portal, django_assert_max_num_queries
):
    idea = portal.public_idea
    queries = []
    for keys in (["WEB-1"], [f"APP-{number}" for number in range(15)]):
        for key in keys:
            link(portal, idea, key=key)
        idea.tags.add(*keys[:5])
        with django_assert_max_num_queries(7) as captured:
            page_of(client, idea)
        queries.append(len(captured))
    assert queries[0] == queries[1]
