"""A member shares an idea in a real browser: sees a similar one while typing the title,
posts anyway, then votes for and comments on the similar idea, and hears back when a
moderator plans their idea; the pages pass axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ideas.models import Comment, Idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory
from tests.markers import transactional_db

pytestmark = [pytest.mark.browser, transactional_db]


@pytest.fixture
def space():
    return SpaceFactory(slug="product", name="Acme Product")


@pytest.fixture
def existing_idea(space):
    return IdeaFactory(space=space, title="Export reports to CSV", body="One click, one file.")


def sign_in(page, user, password):
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_share_an_idea_after_seeing_a_similar_one_then_vote_and_comment(
    page, browser, live_server, member, password, space, existing_idea
):
    sign_in(page, member, password)
    page.goto(reverse("ideas:list"))
    page.get_by_role("link", name="Share an idea").click()
    expect(page.get_by_role("heading", name="Share an idea")).to_be_visible()

    expect(page.get_by_label("Space")).to_have_value("product")
    page.get_by_label("Title").press_sequentially("Export reports to Excel", delay=20)
    similar = page.locator("#similar-ideas")
    expect(similar.get_by_role("link", name="Export reports to CSV")).to_be_visible()
    expect(similar.get_by_role("button", name="Vote for this instead")).to_be_visible()

    page.get_by_label("What gets in your way today?").fill("Our finance team only opens Excel files.")
    page.get_by_label("Your proposed solution").fill("An **Excel** export beside the CSV one.")
    page.get_by_role("button", name="Post your idea").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export reports to Excel")
    expect(page.get_by_role("status")).to_contain_text("Your idea is posted.")
    expect(page.locator("#vote")).to_contain_text("You voted for this idea.")

    page.goto(existing_idea.get_absolute_url())
    page.get_by_label("Important").check()
    page.get_by_role("button", name="Vote for this idea").click()
    expect(page.locator("#vote")).to_contain_text("Your vote is counted.")
    expect(page.locator("#vote .vote-total")).to_contain_text("1")
    expect(page.locator("#vote")).to_contain_text("1 important")

    page.get_by_label("Your comment").fill("We need this for the **monthly** close.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#comments")).to_contain_text("Your comment is posted.")
    expect(page.locator("#comments strong", has_text="monthly")).to_be_visible()

    existing_idea.refresh_from_db()
    assert (existing_idea.vote_count, existing_idea.votes_important) == (1, 1)
    assert Comment.objects.get().author == member
    new_idea = Idea.objects.get(title="Export reports to Excel", author=member)

    moderator = MembershipFactory(space=space, role="moderator", user=UserFactory(password=password)).user
    moderator_context = browser.new_context(base_url=live_server.url)
    moderator_page = moderator_context.new_page()
    sign_in(moderator_page, moderator, password)
    moderator_page.goto(new_idea.get_absolute_url())
    moderator_page.get_by_label("New status").select_option("planned")
    moderator_page.get_by_label("Official response (optional)").fill("Planned for the spring release.")
    moderator_page.get_by_role("button", name="Change status").click()
    expect(moderator_page.get_by_role("main")).to_contain_text("Planned for the spring release.")
    moderator_context.close()

    page.goto(reverse("ideas:list"))
    bell = page.get_by_role("link", name="Notifications")
    expect(bell).to_contain_text("1")
    bell.click()
    expect(page.get_by_role("main")).to_contain_text("Export reports to Excel")
    expect(page.get_by_role("main")).to_contain_text("Planned for the spring release.")


def test_vote_for_a_similar_idea_instead_without_leaving_the_form(page, member, password, existing_idea):
    sign_in(page, member, password)
    page.goto(reverse("ideas:submit"))
    page.get_by_label("Title").press_sequentially("CSV export please", delay=20)
    page.locator("#similar-ideas").get_by_role("button", name="Vote for this instead").click()
    expect(page.locator("#similar-ideas")).to_contain_text("You voted for this")
    expect(page.get_by_label("Title")).to_have_value("CSV export please")
    existing_idea.refresh_from_db()
    assert existing_idea.vote_count == 1


@pytest.mark.parametrize("path", ["list", "space", "spaces", "detail", "submit", "person"])
def test_idea_pages_have_no_serious_accessibility_violations(
    page, axe_violations, member, password, existing_idea, path
):
    Comment.objects.create(idea=existing_idea, author=member, body="A comment, to check the comment markup too.")
    sign_in(page, member, password)
    urls = {
        "list": reverse("ideas:list"),
        "space": reverse("ideas:space", args=["product"]),
        "spaces": reverse("ideas:spaces"),
        "detail": existing_idea.get_absolute_url(),
        "submit": reverse("ideas:submit"),
        "person": reverse("ideas:person", args=[member.username]),
    }
    assert page.goto(urls[path]).status == 200
    assert page.locator("main#main h1").is_visible()
    assert axe_violations(page) == []


def test_an_anonymous_visitor_reads_an_idea_without_accessibility_violations(page, axe_violations, existing_idea):
    assert page.goto(existing_idea.get_absolute_url()).status == 200
    expect(page.get_by_role("link", name="Sign in to vote")).to_be_visible()
    assert axe_violations(page) == []


def test_a_refused_comment_says_why_in_place_and_keeps_what_was_typed(page, member, password, existing_idea):
    """The server answers a refused htmx action with the piece to show (400 or 403, the reason and
    the draft): the browser must swap it in, not drop it."""
    sign_in(page, member, password)
    page.goto(existing_idea.get_absolute_url())
    typed = "See https://a.example, https://b.example and https://c.example."
    page.get_by_label("Your comment").fill(typed)
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#comments")).to_contain_text("New members may include at most 2 links in a post")
    expect(page.get_by_label("Your comment")).to_have_value(typed)
    assert not Comment.objects.exists()
