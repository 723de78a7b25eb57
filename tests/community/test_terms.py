"""Versioned submission terms: editors publish versions; people accept the current ones before they
post an idea (service, form and API), and each idea records which versions and when."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from api.services import create_api_token
from community import services
from community.models import ModerationAction, Space, SubmissionTerms, TermsAcceptance, User
from community.selectors.terms import current_terms, terms_to_accept_for
from ideas.models import Idea
from ideas.services import submit_idea
from tests.community.factories import UserFactory
from tests.ideas.pages import portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def api_client(user, *, write: bool = False) -> Client:
    """A client calling the API with a new token of `user`."""
    _token, key = create_api_token(user, user, name="test", can_write=write)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def editor():
    return UserFactory(username="editor", is_staff=True)


def published(editor, *, space=None, title="Idea submission agreement", body="<p>You license your idea to us.</p>"):
    return services.publish_terms(editor, services.draft_terms(editor, space=space, title=title, body=body))


def post_idea(user, space, **changes):
    return submit_idea(user, space, changes.pop("title", "Schedule reports by e-mail"), "Every Monday.", **changes)


# --- Publishing ----------------------------------------------------------------------


def test_publishing_numbers_versions_per_space_and_logs_it(editor, portal):
    first = published(editor)
    second = published(editor, title="Idea submission agreement, revised")
    own = published(editor, space=portal.private, title="Partner NDA")

    assert (first.version, second.version, own.version) == (1, 2, 1)
    assert second.published_by == editor
    assert second.published_at is not None
    assert current_terms(portal.private) == (second, own)
    assert current_terms(portal.public) == (second, None)
    entry = ModerationAction.objects.filter(action=ModerationAction.Action.PUBLISH_TERMS).first()
    assert (entry.actor, entry.target, entry.after) == (editor, own, {"version": 1})


def test_a_draft_is_not_in_force(editor, portal):
    services.draft_terms(editor, space=None, title="Draft terms", body="<p>Not yet.</p>")

    assert current_terms(None) == (None, None)
    assert terms_to_accept_for(portal.member, portal.public) == []


def test_a_published_version_never_changes(editor):
    terms = published(editor)

    with pytest.raises(ValidationError):
        services.update_terms_draft(editor, terms, title="Changed", body="<p>Changed.</p>")
    with pytest.raises(ValidationError):
        services.publish_terms(editor, terms)
    with pytest.raises(ValidationError):
        services.discard_terms_draft(editor, terms)
    terms.refresh_from_db()
    assert (terms.title, terms.version) == ("Idea submission agreement", 1)


def test_only_one_draft_at_a_time_per_space(editor):
    services.draft_terms(editor, space=None, title="Draft one", body="<p>One.</p>")

    with pytest.raises(ValidationError):
        services.draft_terms(editor, space=None, title="Draft two", body="<p>Two.</p>")


def test_people_without_the_right_cannot_publish_and_the_attempt_is_logged(editor, portal):
    draft = services.draft_terms(editor, space=None, title="Draft", body="<p>Draft.</p>")

    with pytest.raises(PermissionDenied):
        services.publish_terms(portal.moderator, draft)
    with pytest.raises(PermissionDenied):
        services.draft_terms(portal.moderator, space=None, title="Mine", body="<p>Mine.</p>")

    draft.refresh_from_db()
    assert not draft.is_published
    refused = ModerationAction.objects.get(action=ModerationAction.Action.REFUSED)
    assert (refused.actor, refused.after) == (portal.moderator, {"tried": "publish_terms"})


# --- Accepting -------------------------------------------------------------------------


def test_accepting_twice_keeps_the_first_time(editor, portal):
    terms = published(editor)

    first = services.accept_terms(portal.member, terms)
    again = services.accept_terms(portal.member, terms)

    assert first.pk == again.pk
    assert TermsAcceptance.objects.count() == 1
    assert terms_to_accept_for(portal.member, portal.public) == []


def test_only_a_published_version_can_be_accepted(editor, portal):
    draft = services.draft_terms(editor, space=None, title="Draft", body="<p>Draft.</p>")

    with pytest.raises(ValidationError):
        services.accept_terms(portal.member, draft)


def test_the_terms_of_a_space_one_cannot_see_cannot_be_accepted(editor, portal):
    own = published(editor, space=portal.private, title="Partner NDA")

    with pytest.raises(PermissionDenied):
        services.accept_terms(portal.outsider, own)


# --- Gating submission (the service) ------------------------------------------------------


def test_a_fresh_install_has_no_terms_and_asks_for_none(portal):
    idea = post_idea(portal.member, portal.public)

    assert (idea.site_terms, idea.space_terms, idea.terms_accepted_at) == (None, None, None)


def test_an_idea_is_refused_until_the_terms_are_accepted(editor, portal):
    published(editor)

    with pytest.raises(ValidationError) as refusal:
        post_idea(portal.member, portal.public)

    assert refusal.value.message_dict == {"terms": ["Accept the submission terms first."]}
    assert not Idea.objects.filter(title="Schedule reports by e-mail").exists()


def test_the_idea_records_the_accepted_version_and_when(editor, portal):
    terms = published(editor)
    acceptance = services.accept_terms(portal.member, terms)

    idea = post_idea(portal.member, portal.public)

    idea.refresh_from_db()
    assert (idea.site_terms, idea.space_terms, idea.terms_accepted_at) == (terms, None, acceptance.accepted_at)


def test_a_new_version_must_be_accepted_again(editor, portal):
    services.accept_terms(portal.member, published(editor))
    newer = published(editor, title="Revised agreement")

    with pytest.raises(ValidationError):
        post_idea(portal.member, portal.public)
    services.accept_terms(portal.member, newer)
    assert post_idea(portal.member, portal.public).site_terms == newer


def test_a_space_s_own_terms_come_on_top_of_the_site_s(editor, portal):
    site = published(editor)
    own = published(editor, space=portal.private, title="Partner NDA")
    services.accept_terms(portal.member, site)

    with pytest.raises(ValidationError):
        post_idea(portal.member, portal.private)
    later = services.accept_terms(portal.member, own)

    idea = post_idea(portal.member, portal.private)
    assert (idea.site_terms, idea.space_terms, idea.terms_accepted_at) == (site, own, later.accepted_at)
    assert post_idea(portal.member, portal.public, title="Only the site's terms here").space_terms is None


def test_an_idea_posted_on_someone_s_behalf_records_no_acceptance(editor, portal):
    published(editor)

    idea = post_idea(portal.moderator, portal.public, on_behalf_of=portal.outsider)

    assert (idea.author, idea.site_terms, idea.terms_accepted_at) == (portal.outsider, None, None)
    assert not TermsAcceptance.objects.exists()


# --- The submit form -------------------------------------------------------------------------


def form_data(portal, **changes):
    return {"space": portal.public.slug, "title": "Schedule reports by e-mail", "body": "Every Monday.", **changes}


def test_the_form_shows_the_terms_to_accept_with_a_checkbox(client, editor, portal):
    published(editor)

    page = signed_in(client, portal.member).get(reverse("ideas:submit")).content.decode()

    assert "Idea submission agreement" in page
    assert "You license your idea to us." in page
    assert 'name="terms"' in page
    assert 'href="/terms/"' in page


def test_the_form_asks_nothing_once_the_terms_are_accepted(client, editor, portal):
    services.accept_terms(portal.member, published(editor))

    page = signed_in(client, portal.member).get(reverse("ideas:submit")).content.decode()

    assert 'name="terms"' not in page


def test_posting_without_ticking_the_box_is_refused(client, editor, portal):
    terms = published(editor)

    response = signed_in(client, portal.member).post(reverse("ideas:submit"), form_data(portal, terms_shown=terms.pk))

    assert response.status_code == 400
    assert "Accept the submission terms to post your idea." in response.content.decode()
    assert not Idea.objects.filter(title="Schedule reports by e-mail").exists()
    assert not TermsAcceptance.objects.exists()


def test_ticking_the_box_accepts_the_terms_and_posts_the_idea(client, editor, portal):
    terms = published(editor)

    response = signed_in(client, portal.member).post(
        reverse("ideas:submit"), form_data(portal, terms="on", terms_shown=terms.pk)
    )

    idea = Idea.objects.get(title="Schedule reports by e-mail")
    assert response.status_code == 302
    assert idea.site_terms == terms
    assert idea.terms_accepted_at == TermsAcceptance.objects.get(user=portal.member, terms=terms).accepted_at


def test_terms_the_page_did_not_show_are_shown_before_they_are_accepted(client, editor, portal):
    site = published(editor)
    published(editor, space=portal.private, title="Partner NDA", body="<p>Keep it between us.</p>")

    response = signed_in(client, portal.member).post(
        reverse("ideas:submit"), form_data(portal, space=portal.private.slug, terms="on", terms_shown=site.pk)
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Partner NDA" in page
    assert "Keep it between us." in page
    assert not TermsAcceptance.objects.exists()
    assert not Idea.objects.filter(title="Schedule reports by e-mail").exists()


def test_a_refused_idea_leaves_no_acceptance_behind(client, editor, portal):
    terms = published(editor)

    response = signed_in(client, portal.member).post(
        reverse("ideas:submit"), form_data(portal, title="Spam " * 40, terms="on", terms_shown=terms.pk)
    )

    assert response.status_code == 400
    assert not TermsAcceptance.objects.exists()


# --- The API -------------------------------------------------------------------------------


def api_post(client, portal, **extra):
    body = {"space": portal.public.slug, "title": "Schedule reports by e-mail", **extra}
    return client.post("/api/v1/ideas/", body, content_type="application/json")


def test_the_api_answers_400_on_terms_until_they_are_accepted(editor, portal):
    published(editor)

    response = api_post(api_client(portal.member, write=True), portal)

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"terms": ["Accept the submission terms first."]}


def test_the_api_accepts_the_terms_when_asked_to(editor, portal):
    terms = published(editor)

    response = api_post(api_client(portal.member, write=True), portal, accept_terms=True)

    assert response.status_code == 201
    idea = Idea.objects.get(pk=response.json()["id"])
    assert idea.site_terms == terms
    assert idea.terms_accepted_at is not None
    assert TermsAcceptance.objects.filter(user=portal.member, terms=terms).exists()


# --- The pages to read them -------------------------------------------------------------------


def test_everyone_reads_the_site_s_current_terms(client, editor):
    published(editor, title="Old agreement", body="<p>Old text.</p>")
    published(editor, title="Current agreement", body="<p>Current text.</p>")

    page = client.get(reverse("community:terms")).content.decode()

    assert "Current agreement" in page
    assert "Current text." in page
    assert "Version 2" in page
    assert "Old text." not in page


def test_a_fresh_install_says_no_terms_are_published(client):
    assert "No submission terms are published yet." in client.get(reverse("community:terms")).content.decode()


@pytest.mark.parametrize(("viewer", "status"), [("outsider", 404), ("anonymous", 404), ("member", 200)])
def test_a_private_space_s_terms_are_for_those_who_see_the_space(client, editor, portal, viewer, status):
    published(editor, space=portal.private, title="Partner NDA", body="<p>Keep it between us.</p>")

    response = signed_in(client, getattr(portal, viewer)).get(
        reverse("community:space_terms", args=[portal.private.slug])
    )

    assert response.status_code == status
    assert ("Partner NDA" in response.content.decode()) == (status == 200)


# --- The back office ----------------------------------------------------------------------------

TERMS_ADMIN = "/cms/submissionterms/"


def draftail(text: str) -> str:
    """What the back office's rich text editor posts for one paragraph."""
    block = {"key": "a", "type": "unstyled", "text": text, "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


def test_staff_draft_then_publish_in_the_back_office(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    created = client.post(f"{TERMS_ADMIN}new/", {"title": "Idea submission agreement", "body": draftail("Text.")})
    draft = SubmissionTerms.objects.get()
    assert created.status_code == 302
    assert not draft.is_published
    assert current_terms(None) == (None, None)
    assert "Yes, publish it" in client.get(f"{TERMS_ADMIN}publish/{draft.pk}/").content.decode()

    client.post(f"{TERMS_ADMIN}publish/{draft.pk}/")

    draft.refresh_from_db()
    assert (draft.version, draft.published_by) == (1, admin)
    assert current_terms(None) == (draft, None)


def test_a_published_version_opens_read_only_in_the_back_office(client, editor):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    terms = published(editor)

    response = client.post(f"{TERMS_ADMIN}edit/{terms.pk}/", {"title": "Changed", "body": draftail("Changed.")})

    terms.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].endswith(f"inspect/{terms.pk}/")
    assert terms.title == "Idea submission agreement"


# --- The demo ----------------------------------------------------------------------------------


def test_the_demo_publishes_terms_that_its_people_accept_on_their_next_idea():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    site_terms, _space_terms = current_terms(None)
    alice = User.objects.get(username="alice")
    assert (site_terms.version, site_terms.title) == (1, "Idea submission agreement")
    assert "licence" in site_terms.body
    assert "confidential" in site_terms.body
    assert terms_to_accept_for(alice, Space.objects.get(slug="product")) == [site_terms]
