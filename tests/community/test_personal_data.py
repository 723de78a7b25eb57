"""Personal data: a person downloads everything they contributed, and deletes their account; what they
wrote is then anonymised (or removed, by a setting), their votes keep counting anonymously, and their
addresses, tokens and sessions are gone."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from api.models import ApiToken
from api.services import create_api_token
from community import services
from community.models import Flag, Membership, ModerationAction, Notification, Profile, User
from ideas.models import Comment, Follow, Idea, Vote
from ideas.services import add_comment, cast_vote, change_status, follow_idea, submit_idea
from tests.community.factories import UserFactory
from tests.ideas.factories import IdeaFactory
from tests.ideas.pages import PRIVATE_TITLE, portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(portal):
    """Someone who took part: an idea, a comment on another's idea, votes, a follow, a report."""
    person = UserFactory(username="leaver")
    idea = submit_idea(person, portal.public, "Keyboard shortcuts everywhere", "Like in the editor.")
    cast_vote(person, portal.public_idea, importance="blocker")
    add_comment(person, portal.public_idea, "I would love this.")
    follow_idea(person, portal.public_idea)
    Flag.objects.create(
        reporter=person, space=portal.public, target=portal.public_idea, reason=Flag.Reason.SPAM, note="Looks odd."
    )
    person.own_idea = idea
    return person


def download(client, user):
    response = signed_in(client, user).get(reverse("community:personal_data"))
    assert response.status_code == 200
    return response, json.loads(response.content)


# --- The download -------------------------------------------------------------------------


def test_the_download_is_an_attachment_for_the_signed_in_person_only(client, leaver):
    assert client.get(reverse("community:personal_data")).status_code == 302

    response, _data = download(client, leaver)

    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_the_download_holds_what_the_person_contributed(client, portal, leaver):
    services.accept_terms(
        leaver,
        services.publish_terms(
            portal.staff, services.draft_terms(portal.staff, space=None, title="T", body="<p>B</p>")
        ),
    )

    _response, data = download(client, leaver)

    assert data["profile"]["username"] == "leaver"
    assert data["email_addresses"] == [{"email": "leaver@example.com", "verified": True, "primary": True}]
    assert [idea["title"] for idea in data["ideas"]] == ["Keyboard shortcuts everywhere"]
    assert [comment["body"] for comment in data["comments"]] == ["I would love this."]
    voted = {vote["idea"]["title"]: vote["importance"] for vote in data["votes"]}
    assert voted == {"Keyboard shortcuts everywhere": "", "Export reports to spreadsheets": "blocker"}
    assert {follow["idea"]["title"] for follow in data["follows"]} == set(voted)
    assert data["reports"] == [
        {"item": "ideas.idea", "item_id": portal.public_idea.pk, "reason": "spam", "note": "Looks odd.",
         "created_at": data["reports"][0]["created_at"]}
    ]  # fmt: skip
    assert [(t["terms"], t["version"]) for t in data["terms_accepted"]] == [("T", 1)]


def test_the_download_holds_nothing_of_others_nor_what_the_person_can_no_longer_see(client, portal, leaver):
    others = UserFactory(username="someone-else")
    add_comment(others, portal.public_idea, "Someone else's comment.")
    membership = Membership.objects.create(user=leaver, space=portal.private)
    cast_vote(leaver, portal.private_idea)
    change_status(portal.moderator, portal.private_idea, "planned", "Planned for partners.")
    membership.delete()  # they left the partner space

    _response, data = download(client, leaver)

    text = json.dumps(data)
    assert "Someone else's comment." not in text
    assert "someone-else" not in text
    assert PRIVATE_TITLE not in text
    assert {"id": portal.private_idea.pk, "title": None} in [vote["idea"] for vote in data["votes"]]
    assert data["notifications"] == []


def test_the_download_names_api_tokens_but_never_their_keys(client, leaver):
    _token, key = create_api_token(leaver, leaver, name="My script")

    _response, data = download(client, leaver)

    assert [token["name"] for token in data["api_tokens"]] == ["My script"]
    assert key not in json.dumps(data)


# --- Deleting the account -------------------------------------------------------------------


def test_deletion_asks_for_the_e_mail_or_password(client, leaver, password):
    signed_in(client, leaver)

    wrong = client.post(reverse("community:delete_account"), {"confirmation": "not-it"})
    assert wrong.status_code == 400
    assert User.objects.get(pk=leaver.pk).is_active

    done = client.post(reverse("community:delete_account"), {"confirmation": password})
    assert done.status_code == 302
    assert not User.objects.get(pk=leaver.pk).is_active


def test_deletion_anonymises_content_and_keeps_vote_counts_exact(portal, leaver):
    idea = leaver.own_idea
    cast_vote(portal.moderator, idea)
    before = Idea.objects.get(pk=portal.public_idea.pk)

    services.delete_account(leaver)

    after = Idea.objects.get(pk=portal.public_idea.pk)
    assert (after.vote_count, after.votes_blocker, after.comment_count) == (
        before.vote_count,
        before.votes_blocker,
        before.comment_count,
    )
    assert Vote.objects.filter(idea=after).count() == after.vote_count
    assert Idea.objects.get(pk=idea.pk).author is None
    assert Idea.objects.get(pk=idea.pk).vote_count == 2
    comment = Comment.objects.get(body="I would love this.")
    assert comment.author is None


def test_deletion_removes_personal_data_and_leaves_an_anonymous_tombstone(portal, leaver):
    Membership.objects.create(user=leaver, space=portal.private)
    services.delete_account(leaver)

    tombstone = User.objects.get(pk=leaver.pk)
    assert (tombstone.username, tombstone.email, tombstone.is_active) == (f"deleted-{leaver.pk}", "", False)
    assert not tombstone.has_usable_password()
    profile = Profile.objects.get(user=tombstone)
    assert profile.display_name == "Deleted user"
    assert profile.deleted_at is not None
    assert not EmailAddress.objects.filter(user=tombstone).exists()
    assert not Membership.objects.filter(user=tombstone).exists()
    assert not Follow.objects.filter(user=tombstone).exists()
    assert not Notification.objects.filter(recipient=tombstone).exists()
    entry = ModerationAction.objects.get(action=ModerationAction.Action.DELETE_ACCOUNT)
    assert (entry.actor, entry.subject, entry.target_label, entry.reason) == (tombstone, None, "", "")
    assert "leaver" not in json.dumps([entry.before, entry.after])


def test_deletion_revokes_api_tokens_and_ends_every_session(portal, leaver, password):
    _token, key = create_api_token(leaver, leaver, name="script")
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        assert device.post("/accounts/login/", {"login": "leaver@example.com", "password": password}).status_code == 302
    other = Client()
    other.force_login(portal.member)
    sessions_before = Session.objects.count()

    services.delete_account(leaver)

    assert ApiToken.objects.get(user=leaver).revoked_at is not None
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/ideas/").status_code == 401
    assert Session.objects.count() == sessions_before - 2
    assert laptop.get(reverse("community:profile")).status_code == 302
    assert other.get(reverse("community:profile")).status_code == 200


def test_the_deleted_person_cannot_sign_in_again(client, leaver, password):
    signed_in(client, leaver).post(reverse("community:delete_account"), {"confirmation": "leaver@example.com"})

    response = Client().post("/accounts/login/", {"login": "leaver@example.com", "password": password})

    assert response.status_code == 200  # the form again, with an error
    assert not response.wsgi_request.user.is_authenticated


def test_deleting_from_the_page_signs_out(client, leaver):
    signed_in(client, leaver)

    client.post(reverse("community:delete_account"), {"confirmation": "leaver@example.com"})

    assert client.get(reverse("community:profile")).status_code == 302


def test_the_remove_setting_takes_content_down_but_keeps_what_a_legal_hold_holds(portal, leaver, settings):
    settings.ACCOUNT_DELETION_CONTENT = "remove"
    held = IdeaFactory(space=portal.public, author=leaver, legal_hold=True, title="Held by legal")
    comment_count = Idea.objects.get(pk=portal.public_idea.pk).comment_count

    services.delete_account(leaver)

    assert not Idea.objects.filter(pk=leaver.own_idea.pk).exists()
    assert Idea.objects.get(pk=held.pk).author is None
    tombstone = Comment.objects.get(idea=portal.public_idea, author=None)
    assert (tombstone.body, tombstone.is_deleted) == ("", True)
    public_idea = Idea.objects.get(pk=portal.public_idea.pk)
    assert public_idea.comment_count == comment_count - 1
    assert public_idea.vote_count == Vote.objects.filter(idea=public_idea).count() == 1
