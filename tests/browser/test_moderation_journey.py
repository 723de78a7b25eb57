"""A moderator keeps a space healthy in a real browser: opens the queue from the header, hides
a reported comment (its author is told why), then merges a duplicate idea into the original,
checking the vote arithmetic before confirming, and lands on the original, which lists it.
The pages pass axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from community.models import ModerationAction
from ideas.models import Comment, Idea
from ideas.services import cast_vote
from ideas.services.moderation import report_content
from tests.browser.test_idea_journey import sign_in
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory
from tests.markers import transactional_db

pytestmark = [pytest.mark.browser, transactional_db]


@pytest.fixture
def space():
    return SpaceFactory(slug="product", name="Acme Product")


@pytest.fixture
def moderator(space, password):
    return MembershipFactory(space=space, role="moderator", user=UserFactory(password=password)).user


@pytest.fixture
def original(space):
    return IdeaFactory(space=space, title="Export reports to CSV")


@pytest.fixture
def duplicate(space):
    return IdeaFactory(space=space, title="CSV download of reports")


@pytest.fixture
def reported_comment(original, member):
    comment = CommentFactory(idea=original, body="Buy cheap watches at example.com")
    report_content(member, comment, reason="spam", note="An advert.")
    return comment


def test_a_moderator_hides_a_reported_comment_and_merges_a_duplicate(
    page, axe_violations, moderator, password, member, original, duplicate, reported_comment
):
    both, only_duplicate = UserFactory(), UserFactory()
    for voter in (both, only_duplicate):
        cast_vote(voter, duplicate)
    cast_vote(both, original)

    sign_in(page, moderator, password)
    page.get_by_role("link", name="Moderation", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Moderation")
    entry = page.locator(".moderation-entry", has_text="Export reports to CSV")
    expect(entry).to_contain_text("1 open report")
    expect(entry).to_contain_text("An advert.")
    assert axe_violations(page) == []

    entry.get_by_label("Why it is hidden (its author reads it)").fill("Advertising is not allowed here.")
    entry.get_by_role("button", name="Hide", exact=True).click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.locator(".moderation-entry", has_text="Export reports to CSV")).to_have_count(0)
    reported_comment.refresh_from_db()
    assert (reported_comment.hidden, reported_comment.hidden_note) == (True, "Advertising is not allowed here.")

    page.goto(reverse("ideas:detail", args=[duplicate.pk]))
    page.get_by_label("Number of the idea to merge into").fill(str(original.pk))
    page.get_by_role("button", name="Show the merge").click()
    arithmetic = page.locator(".merge-arithmetic")
    expect(arithmetic).to_contain_text("1 vote moves to")
    expect(arithmetic).to_contain_text("1 person voted for both and counts once.")
    expect(arithmetic).to_contain_text(f"#{original.pk} will have 2 votes.")
    assert axe_violations(page) == []
    page.get_by_label("Why (kept in the moderation log)").fill("Same request.")
    page.get_by_role("button", name=f"Merge #{duplicate.pk} into #{original.pk}").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Export reports to CSV")
    expect(page.get_by_role("link", name="CSV download of reports")).to_be_visible()
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert (original.vote_count, duplicate.status, duplicate.merged_into_id) == (2, Idea.Status.DUPLICATE, original.pk)
    actions = set(ModerationAction.objects.values_list("action", flat=True))
    assert {ModerationAction.Action.HIDE, ModerationAction.Action.MERGE} <= actions
    assert Comment.objects.filter(pk=reported_comment.pk, hidden=True).exists()
