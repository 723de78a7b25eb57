"""Internal notes on an idea: only its space's moderators and staff read and write them; they never
reach the author, members, another space's moderator, the API or what is sent out."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from api.services import create_api_token
from community.models import Membership, ModerationAction
from ideas.models import InternalNote
from ideas.selectors.legal import internal_notes_for
from ideas.services.legal import add_internal_note
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.pages import portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def api_client(user, *, write: bool = False) -> Client:
    """A client calling the API with a new token of `user`."""
    _token, key = create_api_token(user, user, name="test", can_write=write)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


NOTE = "Legal says: the customer's contract covers this; do not promise a date."


@pytest.fixture
def other_moderator():
    """A moderator of another space, not of the idea's."""
    moderator = UserFactory(username="elsewhere")
    MembershipFactory(user=moderator, space=SpaceFactory(slug="elsewhere"), role=Membership.Role.MODERATOR)
    return moderator


def test_a_moderator_writes_a_note_and_the_log_says_so_without_its_text(portal):
    note = add_internal_note(portal.moderator, portal.public_idea, NOTE)

    assert list(internal_notes_for(portal.moderator, portal.public_idea)) == [note]
    entry = ModerationAction.objects.get(action=ModerationAction.Action.INTERNAL_NOTE)
    assert (entry.actor, entry.target) == (portal.moderator, portal.public_idea)
    assert NOTE not in f"{entry.reason}{entry.before}{entry.after}{entry.target_label}"


@pytest.mark.parametrize("viewer", ["member", "outsider", "other_moderator"])
def test_others_may_not_write_notes_and_are_logged_as_refused(portal, other_moderator, viewer):
    portal.other_moderator = other_moderator

    with pytest.raises(PermissionDenied):
        add_internal_note(getattr(portal, viewer), portal.private_idea, NOTE)

    assert not InternalNote.objects.exists()
    assert ModerationAction.objects.get().action == ModerationAction.Action.REFUSED


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [("anonymous", False), ("member", False), ("outsider", False), ("moderator", True), ("staff", True)],
)
def test_only_the_space_s_moderators_and_staff_see_notes_on_the_page(client, portal, viewer, sees):
    add_internal_note(portal.moderator, portal.public_idea, NOTE)

    page = signed_in(client, getattr(portal, viewer)).get(portal.public_idea.get_absolute_url()).content.decode()

    assert (NOTE in page) == sees
    assert ("Internal notes — only moderators and staff see these" in page) == sees


def test_the_author_does_not_see_notes_on_their_own_idea(client, portal):
    add_internal_note(portal.moderator, portal.private_idea, NOTE)

    page = signed_in(client, portal.member).get(portal.private_idea.get_absolute_url()).content.decode()

    assert portal.private_idea.author == portal.member
    assert NOTE not in page


def test_another_space_s_moderator_sees_no_notes(client, portal, other_moderator):
    add_internal_note(portal.moderator, portal.public_idea, NOTE)

    page = signed_in(client, other_moderator).get(portal.public_idea.get_absolute_url()).content.decode()

    assert NOTE not in page
    assert not internal_notes_for(other_moderator, portal.public_idea).exists()


def test_notes_are_added_from_the_idea_page(client, portal):
    response = signed_in(client, portal.moderator).post(
        reverse("ideas:internal_note", args=[portal.public_idea.pk]), {"body": NOTE}
    )

    assert response.status_code == 302
    assert InternalNote.objects.get().body == NOTE


def test_a_member_posting_a_note_is_refused(client, portal):
    response = signed_in(client, portal.member).post(
        reverse("ideas:internal_note", args=[portal.private_idea.pk]), {"body": NOTE}
    )

    assert response.status_code == 403
    assert not InternalNote.objects.exists()


def test_the_api_never_shows_notes_even_to_moderators(portal):
    add_internal_note(portal.moderator, portal.public_idea, NOTE)
    api = api_client(portal.moderator)

    for path in (
        f"/api/v1/ideas/{portal.public_idea.pk}/",
        "/api/v1/ideas/",
        f"/api/v1/ideas/{portal.public_idea.pk}/comments/",
    ):
        response = api.get(path)
        assert response.status_code == 200
        assert NOTE not in response.content.decode()


def test_notes_send_no_notifications_or_e_mails(portal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add_internal_note(portal.moderator, portal.public_idea, NOTE)

    assert not portal.public_idea.author.notifications.exists()
    assert not any(NOTE in message.body for message in mail.outbox)


def test_the_page_queries_stay_flat_whatever_the_number_of_notes(client, portal, django_assert_max_num_queries):
    idea = portal.public_idea
    signed_in(client, portal.moderator)
    queries = []
    for count in (1, 10):
        for number in range(count):
            add_internal_note(portal.moderator, idea, f"Note {number}")
        with django_assert_max_num_queries(30) as captured:
            assert client.get(idea.get_absolute_url()).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]
