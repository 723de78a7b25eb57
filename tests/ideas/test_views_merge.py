"""The merge pages: choosing the target, the confirmation with the vote arithmetic, undoing."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import Membership, ModerationAction
from ideas.models import Idea
from ideas.services import merge_ideas
from tests.community.factories import MembershipFactory, UserFactory
from tests.ideas.factories import IdeaFactory, VoteFactory
from tests.ideas.pages import PRIVATE_TITLE, portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def merge_url(idea):
    return reverse("ideas:merge", args=[idea.pk])


def detail(client, idea):
    return client.get(reverse("ideas:detail", args=[idea.pk]))


@pytest.fixture
def duplicate(portal):
    """A duplicate of the public idea, voted for by two people, one of whom voted for both."""
    source = IdeaFactory(space=portal.public, title="Spreadsheet export please")
    both = UserFactory()
    VoteFactory(idea=source, user=both)
    VoteFactory(idea=source)
    VoteFactory(idea=portal.public_idea, user=both)
    return source


def fresh(idea):
    return Idea.objects.get(pk=idea.pk)


@pytest.mark.parametrize(("viewer", "shown"), [("moderator", True), ("staff", True), ("member", False)])
def test_the_merge_form_shows_only_to_moderators(client, portal, duplicate, viewer, shown):
    html = detail(signed_in(client, getattr(portal, viewer)), duplicate).content.decode()
    assert (f'action="{merge_url(duplicate)}"' in html) is shown


def test_the_confirmation_shows_both_ideas_and_the_vote_arithmetic_and_changes_nothing(client, portal, duplicate):
    signed_in(client, portal.moderator)

    response = client.get(merge_url(duplicate), {"into": portal.public_idea.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Spreadsheet export please" in html
    assert "Export reports to spreadsheets" in html
    assert f"1 vote moves to #{portal.public_idea.pk}." in html
    assert "1 person voted for both and counts once." in html
    assert f"#{portal.public_idea.pk} will have 2 votes." in html
    assert 'method="post"' in html
    assert fresh(duplicate).merged_into is None


def test_confirming_merges_and_goes_to_the_target_which_links_back(client, portal, duplicate):
    signed_in(client, portal.moderator)

    response = client.post(
        merge_url(duplicate), {"into": portal.public_idea.pk, "reason": "Same request."}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("ideas:detail", args=[portal.public_idea.pk])
    html = response.content.decode()
    assert "Merged into this idea" in html
    assert f'href="{reverse("ideas:detail", args=[duplicate.pk])}"' in html
    assert fresh(duplicate).merged_into == portal.public_idea
    assert fresh(portal.public_idea).vote_count == 2
    assert ModerationAction.objects.get(action="merge").reason == "Same request."


def test_the_merged_idea_links_to_its_target_and_moderators_can_undo(client, portal, duplicate):
    merge_ideas(portal.moderator, duplicate, portal.public_idea)

    visitor_html = detail(client, duplicate).content.decode()
    assert "Merged into" in visitor_html
    assert f'href="{reverse("ideas:detail", args=[portal.public_idea.pk])}"' in visitor_html
    assert "Undo merge" not in visitor_html

    signed_in(client, portal.moderator)
    assert "Undo merge" in detail(client, duplicate).content.decode()
    response = client.post(reverse("ideas:unmerge", args=[duplicate.pk]), {"reason": "Different."}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("ideas:detail", args=[duplicate.pk])
    assert (fresh(duplicate).merged_into, fresh(duplicate).vote_count) == (None, 2)
    assert ModerationAction.objects.get(action="unmerge").reason == "Different."


def test_a_public_duplicate_does_not_show_outsiders_the_private_idea_it_went_into(client, portal, duplicate):
    merge_ideas(portal.staff, duplicate, portal.private_idea)

    html = detail(client, duplicate).content.decode()

    assert PRIVATE_TITLE not in html
    assert "merged into another one" in html
    signed_in(client, portal.member)
    assert PRIVATE_TITLE in detail(client, duplicate).content.decode()


def test_the_list_of_merged_ideas_leaves_out_those_the_viewer_cannot_see(client, portal):
    hidden_away = IdeaFactory(space=portal.private, title="Partner-only duplicate")
    merge_ideas(portal.staff, hidden_away, portal.public_idea)

    assert "Partner-only duplicate" not in detail(client, portal.public_idea).content.decode()
    signed_in(client, portal.member)
    assert "Partner-only duplicate" in detail(client, portal.public_idea).content.decode()


def test_an_unknown_or_invisible_target_is_a_form_error(client, portal, duplicate):
    outsider_mod = UserFactory()
    MembershipFactory(user=outsider_mod, space=portal.public, role=Membership.Role.MODERATOR)
    signed_in(client, outsider_mod)

    response = client.get(merge_url(duplicate), {"into": portal.private_idea.pk})

    assert response.status_code == 400
    html = response.content.decode()
    assert f"There is no idea #{portal.private_idea.pk} that you can see." in html
    assert PRIVATE_TITLE not in html


def test_a_refused_merge_is_shown_again_with_the_reason(client, portal, duplicate):
    signed_in(client, portal.moderator)
    response = client.post(merge_url(duplicate), {"into": duplicate.pk})
    assert response.status_code == 400
    assert "An idea cannot be merged into itself." in response.content.decode()


def test_a_member_gets_403_and_the_attempt_is_logged(client, portal, duplicate):
    member = MembershipFactory(space=portal.public).user
    signed_in(client, member)

    assert client.get(merge_url(duplicate), {"into": portal.public_idea.pk}).status_code == 403
    assert client.post(merge_url(duplicate), {"into": portal.public_idea.pk}).status_code == 403

    assert fresh(duplicate).merged_into is None
    assert ModerationAction.objects.get().action == ModerationAction.Action.REFUSED


def test_an_outsider_gets_404_for_a_private_idea(client, portal):
    signed_in(client, portal.outsider)
    assert client.get(merge_url(portal.private_idea), {"into": portal.public_idea.pk}).status_code == 404
    assert client.post(reverse("ideas:unmerge", args=[portal.private_idea.pk])).status_code == 404


def test_merging_needs_a_signed_in_user_and_a_csrf_token(portal, duplicate):
    anonymous = Client()
    assert anonymous.post(merge_url(duplicate), {"into": portal.public_idea.pk}).status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(portal.moderator)
    assert strict.post(merge_url(duplicate), {"into": portal.public_idea.pk}).status_code == 403
    assert fresh(duplicate).merged_into is None


def test_the_page_of_an_idea_with_merged_ideas_keeps_its_queries_flat(client, portal, django_assert_max_num_queries):
    counts = []
    for _ in range(2):
        merge_ideas(portal.staff, IdeaFactory(space=portal.public), portal.public_idea)
        merge_ideas(portal.staff, IdeaFactory(space=portal.public), portal.public_idea)
        with django_assert_max_num_queries(12) as captured:
            assert detail(client, portal.public_idea).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
