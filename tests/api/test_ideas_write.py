"""Writes through the API: the same services as the web pages, with write tokens only."""

import pytest

from community.models import User
from ideas.models import Comment, Idea, StatusChange, TrackerLink, Vote
from ideas.services import cast_vote
from tests.community.factories import UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"


def post(client, path, data):
    return client.post(path, data, content_type=JSON)


def an_idea(portal, **extra):
    return {"space": "product", "title": "Schedule exports every Monday", "body": "As CSV.", **extra}


def test_a_write_token_posts_an_idea_as_its_user(token_client, portal):
    category = portal.public_idea.category

    response = post(
        token_client(portal.outsider, write=True),
        "/api/v1/ideas/",
        an_idea(portal, category=category.slug, tags=["Exports", "csv"], problem="Every Monday by hand."),
    )

    assert response.status_code == 201, response.content
    idea = Idea.objects.get(pk=response.json()["id"])
    assert (idea.author, idea.space, idea.category, idea.vote_count) == (portal.outsider, portal.public, category, 1)
    assert (idea.problem, sorted(idea.tags.names())) == ("Every Monday by hand.", ["csv", "exports"])
    assert response.json()["tags"] == ["csv", "exports"]


def test_a_read_only_token_cannot_write(token_client, portal):
    response = post(token_client(portal.outsider), "/api/v1/ideas/", an_idea(portal))

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Idea.objects.filter(title="Schedule exports every Monday").exists()


def test_fields_a_caller_may_not_set_are_ignored(token_client, portal):
    response = post(
        token_client(portal.outsider, write=True),
        "/api/v1/ideas/",
        an_idea(portal, status="shipped", hidden=True, vote_count=1000, author="staff", merged_into=1),
    )

    idea = Idea.objects.get(pk=response.json()["id"])
    assert (idea.status, idea.hidden, idea.vote_count, idea.author, idea.merged_into) == (
        "new",
        False,
        1,
        portal.outsider,
        None,
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"space": "partners"}, "space"),
        ({"space": "nowhere"}, "space"),
        ({"category": "nope"}, "category"),
        ({"title": "Hi"}, "title"),
        ({"title": "Bad \u202e title"}, "title"),
        ({"tags": ["a", "b", "c", "d", "e", "f"]}, "tags"),
        ({"body": "x" * 20_001}, "body"),
    ],
)
def test_invalid_ideas_are_refused_with_the_field_named_and_nothing_saved(token_client, portal, change, field):
    before = Idea.objects.count()

    response = post(token_client(portal.outsider, write=True), "/api/v1/ideas/", an_idea(portal, **change))

    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert Idea.objects.count() == before


def test_a_moderator_posts_an_idea_on_behalf_of_a_customer_heard_by_support(token_client, portal):
    response = post(
        token_client(portal.moderator, write=True),
        "/api/v1/ideas/",
        an_idea(portal, on_behalf_of="Jane@Customer.example", create_person=True),
    )

    assert response.status_code == 201, response.content
    idea = Idea.objects.get(pk=response.json()["id"])
    customer = User.objects.get(email="jane@customer.example")
    vote = Vote.objects.get(idea=idea)
    assert (idea.author, vote.user, vote.cast_by, vote.is_proxy) == (customer, customer, portal.moderator, True)
    assert not customer.has_usable_password()


def test_posting_on_behalf_of_an_existing_person_uses_their_account(token_client, portal):
    response = post(
        token_client(portal.moderator, write=True),
        "/api/v1/ideas/",
        an_idea(portal, on_behalf_of=portal.outsider.email),
    )

    assert Idea.objects.get(pk=response.json()["id"]).author == portal.outsider


def test_a_member_may_not_post_on_someone_elses_behalf_and_no_account_is_made(token_client, portal):
    response = post(
        token_client(portal.outsider, write=True), "/api/v1/ideas/", an_idea(portal, on_behalf_of="new@example.org")
    )

    assert response.status_code == 403
    assert not User.objects.filter(email="new@example.org").exists()


def test_a_proxy_vote_by_email_is_recorded_as_such_and_counts_once(token_client, portal):
    client = token_client(portal.moderator, write=True)
    path = f"/api/v1/ideas/{portal.public_idea.pk}/votes/"

    first = post(client, path, {"email": "heard@customer.example", "importance": "blocker", "create_person": True})
    again = post(client, path, {"email": "heard@customer.example"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["is_proxy"] is True
    assert first.json()["importance"] == "blocker"
    portal.public_idea.refresh_from_db()
    assert (portal.public_idea.vote_count, portal.public_idea.votes_blocker) == (1, 1)


def test_a_member_may_not_vote_for_someone_else(token_client, portal):
    response = post(
        token_client(portal.outsider, write=True),
        f"/api/v1/ideas/{portal.public_idea.pk}/votes/",
        {"email": "someone@example.org"},
    )

    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_a_vote_for_a_merged_idea_is_a_conflict(token_client, portal):
    source = IdeaFactory(space=portal.public, status=Idea.Status.DUPLICATE, merged_into=portal.public_idea)
    client = token_client(portal.moderator, write=True)

    response = post(client, f"/api/v1/ideas/{source.pk}/votes/", {"email": portal.outsider.email})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_comments_and_replies(token_client, portal):
    client = token_client(portal.outsider, write=True)
    path = f"/api/v1/ideas/{portal.public_idea.pk}/comments/"

    top = post(client, path, {"body": "Useful for **us** too"})
    reply = post(client, path, {"body": "And a reply", "parent": top.json()["id"]})

    assert (top.status_code, reply.status_code) == (201, 201)
    assert Comment.objects.get(pk=reply.json()["id"]).parent_id == top.json()["id"]
    portal.public_idea.refresh_from_db()
    assert portal.public_idea.comment_count == 2


@pytest.mark.parametrize(("body", "field"), [({"body": ""}, "body"), ({"body": "x", "parent": 999999}, "parent")])
def test_a_bad_comment_is_refused(token_client, portal, body, field):
    response = post(token_client(portal.outsider, write=True), f"/api/v1/ideas/{portal.public_idea.pk}/comments/", body)

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Comment.objects.exists()


def test_only_moderators_answer_officially(token_client, portal):
    path = f"/api/v1/ideas/{portal.public_idea.pk}/comments/"

    refused = post(token_client(portal.outsider, write=True), path, {"body": "Official!", "official": True})
    accepted = post(token_client(portal.moderator, write=True), path, {"body": "We hear you.", "official": True})

    assert (refused.status_code, accepted.status_code) == (403, 201)
    assert accepted.json()["is_official"] is True


def test_a_moderator_changes_the_status_with_an_official_response(token_client, portal):
    follower = UserFactory()
    cast_vote(follower, portal.public_idea)

    response = post(
        token_client(portal.moderator, write=True),
        f"/api/v1/ideas/{portal.public_idea.pk}/status/",
        {"status": "planned", "message": "In the Q3 plan."},
    )

    assert response.status_code == 201, response.content
    assert (response.json()["from_status"], response.json()["to_status"]) == ("new", "planned")
    change = StatusChange.objects.get(idea=portal.public_idea)
    assert change.message == "In the Q3 plan."
    assert change.actor == portal.moderator
    assert follower.notifications.filter(kind="status_change").exists()


def test_duplicate_is_refused_with_a_400_that_points_to_merging(token_client, portal):
    response = post(
        token_client(portal.moderator, write=True),
        f"/api/v1/ideas/{portal.public_idea.pk}/status/",
        {"status": "duplicate", "message": "Same as another."},
    )

    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "invalid"
    assert response.json()["error"]["fields"] == {
        "status": ["An idea becomes a duplicate only by merging it into the idea it repeats."]
    }
    portal.public_idea.refresh_from_db()
    assert (portal.public_idea.status, portal.public_idea.merged_into) == (Idea.Status.NEW, None)
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize(("who", "code"), [("outsider", 403), ("member", 403)])
def test_others_may_not_change_the_status(token_client, portal, who, code):
    response = post(
        token_client(getattr(portal, who), write=True),
        f"/api/v1/ideas/{portal.public_idea.pk}/status/",
        {"status": "shipped"},
    )

    assert response.status_code == code
    assert not StatusChange.objects.exists()


def test_an_unknown_status_is_a_400(token_client, portal):
    response = post(
        token_client(portal.moderator, write=True),
        f"/api/v1/ideas/{portal.public_idea.pk}/status/",
        {"status": "someday"},
    )

    assert response.status_code == 400
    assert "status" in response.json()["error"]["fields"]


def test_tracker_links_follow_the_integrations_mapping(token_client, portal):
    idea = portal.public_idea
    client = token_client(portal.moderator, write=True, mapping={"Done": "shipped", "In Progress": "in_progress"})

    jira = post(
        client,
        f"/api/v1/ideas/{idea.pk}/links/",
        {"tracker": "jira", "key": "PAY-1", "url": "https://jira.example.com/PAY-1", "state": "To Do"},
    )
    linear = post(
        client,
        f"/api/v1/ideas/{idea.pk}/links/",
        {"tracker": "linear", "key": "ENG-9", "url": "https://linear.app/e/ENG-9", "state": "In Progress"},
    )
    assert (jira.status_code, linear.status_code) == (201, 201)
    assert Idea.objects.get(pk=idea.pk).status == "new"  # "To Do" maps to nothing: the idea waits

    client.patch(f"/api/v1/links/{jira.json()['id']}/", {"state": "Done"}, content_type=JSON)
    assert Idea.objects.get(pk=idea.pk).status == "in_progress"  # one team done, the other in progress

    response = client.patch(f"/api/v1/links/{linear.json()['id']}/", {"state": "Done"}, content_type=JSON)
    assert response.status_code == 200
    assert response.json()["state"] == "Done"
    assert Idea.objects.get(pk=idea.pk).status == "shipped"
    assert StatusChange.objects.filter(idea=idea).last().message == "linear ENG-9 is now Done."

    shown = client.get(f"/api/v1/ideas/{idea.pk}/").json()["tracker_links"]
    assert [(link["tracker"], link["state"]) for link in shown] == [("jira", "Done"), ("linear", "Done")]


def test_a_second_link_to_the_same_issue_is_a_conflict(token_client, portal):
    client = token_client(portal.moderator, write=True)
    link = {"tracker": "github", "key": "acme/app#12", "url": "https://github.com/acme/app/issues/12"}

    post(client, f"/api/v1/ideas/{portal.public_idea.pk}/links/", link)
    response = post(client, f"/api/v1/ideas/{portal.public_idea.pk}/links/", link)

    assert response.status_code == 409
    assert TrackerLink.objects.count() == 1


def test_a_link_with_a_javascript_url_is_refused(token_client, portal):
    response = post(
        token_client(portal.moderator, write=True),
        f"/api/v1/ideas/{portal.public_idea.pk}/links/",
        {"tracker": "jira", "key": "X-1", "url": "javascript:alert(1)"},
    )

    assert response.status_code == 400
    assert "url" in response.json()["error"]["fields"]


def test_deleting_a_link(token_client, portal):
    client = token_client(portal.moderator, write=True)
    link = post(
        client,
        f"/api/v1/ideas/{portal.public_idea.pk}/links/",
        {"tracker": "jira", "key": "X-1", "url": "https://jira.example.com/X-1"},
    ).json()

    assert client.delete(f"/api/v1/links/{link['id']}/").status_code == 204
    assert client.delete(f"/api/v1/links/{link['id']}/").status_code == 404
    assert not TrackerLink.objects.exists()


def test_only_moderators_manage_links(token_client, portal):
    link = TrackerLink.objects.create(
        idea=portal.public_idea, tracker="jira", key="X-1", url="https://jira.example.com/X-1"
    )
    client = token_client(portal.outsider, write=True)

    assert client.patch(f"/api/v1/links/{link.pk}/", {"state": "Done"}, content_type=JSON).status_code == 403
    assert client.delete(f"/api/v1/links/{link.pk}/").status_code == 403
    assert TrackerLink.objects.get(pk=link.pk).state == ""
