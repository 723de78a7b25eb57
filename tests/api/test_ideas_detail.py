"""GET ideas/{id}/, its comments, history and voters."""

import pytest

from ideas.models import Idea
from ideas.services import add_comment, cast_vote, change_status
from tests.community.factories import UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, VoteFactory

pytestmark = pytest.mark.django_db


def test_an_idea_by_its_id(token_client, portal):
    response = token_client(portal.outsider).get(f"/api/v1/ideas/{portal.public_idea.pk}/")

    assert response.status_code == 200
    assert response.json()["title"] == "Export reports to spreadsheets"


def test_a_missing_idea_is_a_404_in_the_error_shape(token_client, portal):
    response = token_client(portal.outsider).get("/api/v1/ideas/999999/")

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Not found.", "fields": {}}}


def test_comments_come_oldest_first_with_replies_and_tombstones(token_client, portal):
    idea = portal.public_idea
    first = CommentFactory(idea=idea, body="First **thoughts**")
    reply = CommentFactory(idea=idea, parent=first, body="A reply")
    gone = CommentFactory(idea=idea, body="")
    gone.deleted_at = gone.created_at
    gone.save()

    page = token_client(portal.outsider).get(f"/api/v1/ideas/{idea.pk}/comments/").json()

    assert [c["id"] for c in page["results"]] == [first.pk, reply.pk, gone.pk]
    assert page["results"][0]["body_html"] == "<p>First <strong>thoughts</strong></p>"
    assert page["results"][1]["parent"] == first.pk
    assert (page["results"][2]["deleted"], page["results"][2]["body_markdown"]) == (True, "")
    assert set(page["results"][0]) == {
        "id",
        "parent",
        "author",
        "body_markdown",
        "body_html",
        "is_official",
        "deleted",
        "created_at",
        "edited_at",
    }


def test_history_lists_status_changes_with_their_official_response(token_client, portal):
    idea = portal.public_idea
    change_status(portal.moderator, idea, Idea.Status.PLANNED, "We start in March.")
    change_status(portal.moderator, idea, Idea.Status.IN_PROGRESS)

    history = token_client(portal.outsider).get(f"/api/v1/ideas/{idea.pk}/history/").json()

    assert [(h["from_status"], h["to_status"], h["message"]) for h in history] == [
        ("new", "planned", "We start in March."),
        ("planned", "in_progress", ""),
    ]
    assert history[0]["actor"] == {"display_name": portal.moderator.display_name}


def test_staff_tokens_see_who_voted_and_how(token_client, portal):
    idea = portal.public_idea
    voter = UserFactory()
    cast_vote(voter, idea, importance="blocker")
    cast_vote(portal.moderator, idea, on_behalf_of=UserFactory(username="heard-by-support"))

    page = token_client(portal.staff).get(f"/api/v1/ideas/{idea.pk}/votes/").json()

    first, proxy = page["results"]
    assert first["voter"] == {"display_name": voter.display_name, "email": voter.email}
    assert (first["importance"], first["segment"], first["is_proxy"]) == ("blocker", "customer", False)
    assert (proxy["is_proxy"], proxy["cast_by"]["display_name"]) == (True, portal.moderator.display_name)


@pytest.mark.parametrize("who", ["outsider", "member", "moderator"])
def test_only_staff_may_list_voters(token_client, portal, who):
    VoteFactory(idea=portal.public_idea)

    response = token_client(getattr(portal, who)).get(f"/api/v1/ideas/{portal.public_idea.pk}/votes/")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_a_hidden_idea_is_a_404_except_for_its_author_and_moderators(token_client, portal):
    idea = IdeaFactory(space=portal.public, hidden=True)
    path = f"/api/v1/ideas/{idea.pk}/"

    assert token_client(portal.outsider).get(path).status_code == 404
    assert token_client(portal.outsider).get(f"{path}comments/").status_code == 404
    assert token_client(idea.author).get(path).status_code == 200
    assert token_client(portal.moderator).get(path).status_code == 200
    assert idea.pk not in [i["id"] for i in token_client(portal.moderator).get("/api/v1/ideas/").json()["results"]]


def test_comments_and_history_queries_stay_flat(token_client, portal, django_assert_max_num_queries):
    idea = portal.public_idea
    for _ in range(20):
        add_comment(UserFactory(), idea, "Me too")
        change_status(portal.moderator, idea, Idea.Status.UNDER_REVIEW, "Still looking")
    client = token_client(portal.outsider)

    with django_assert_max_num_queries(8):
        assert len(client.get(f"/api/v1/ideas/{idea.pk}/comments/?page_size=100").json()["results"]) == 20
    with django_assert_max_num_queries(8):
        assert len(client.get(f"/api/v1/ideas/{idea.pk}/history/").json()) == 20
