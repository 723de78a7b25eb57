"""An idea's page, and voting, following, commenting and status changes on it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from community.models import Notification
from ideas import services
from ideas.models import Comment, Follow, Idea, StatusChange, Vote
from tests.community.factories import UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory, StatusChangeFactory, VoteFactory
from tests.ideas.pages import HTMX, INSIDERS, PRIVATE_TITLE, VIEWERS, portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1))'


def page_of(client, idea):
    return client.get(reverse("ideas:detail", args=[idea.pk]))


def posted(author, idea, body="I would use this every week.", parent=None) -> Comment:
    """A comment posted the way the page posts it, so that the idea's counter is right."""
    return services.add_comment(author, idea, body, parent=parent)


def fresh(idea: Idea) -> Idea:
    return Idea.objects.get(pk=idea.pk)


# --- Seeing the page ---------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_private_idea_is_not_found_for_outsiders_and_its_title_never_shows(client, portal, viewer):
    response = page_of(signed_in(client, getattr(portal, viewer)), portal.private_idea)
    if viewer in INSIDERS:
        assert response.status_code == 200
        assert PRIVATE_TITLE in response.content.decode()
    else:
        assert response.status_code == 404
        assert PRIVATE_TITLE not in response.content.decode()
        assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_public_idea_is_readable_by_everyone(client, portal, viewer):
    response = page_of(signed_in(client, getattr(portal, viewer)), portal.public_idea)
    assert response.status_code == 200
    assert portal.public_idea.title in response.content.decode()


def test_a_missing_idea_is_not_found(client, portal):
    assert client.get(reverse("ideas:detail", args=[999_999])).status_code == 404


def test_the_page_shows_problem_solution_author_space_category_and_status(client, portal):
    idea = IdeaFactory(
        space=portal.public,
        problem="Every Monday I copy numbers by hand.",
        body="Add an **export** button:\n\n- CSV\n- PDF",
        status=Idea.Status.PLANNED,
    )
    page = page_of(client, idea).content.decode()
    assert "What gets in the way today" in page
    assert "Every Monday I copy numbers by hand." in page
    assert "Proposed solution" in page
    assert "<strong>export</strong>" in page
    assert "<li>CSV</li>" in page
    assert 'class="badge status-planned">Planned' in page
    assert f'href="{reverse("ideas:person", args=[idea.author.username])}">{idea.author.display_name}' in page
    assert f'href="{reverse("ideas:space", args=["product"])}">Acme Product' in page


def test_the_history_shows_each_status_change_with_its_official_response(client, portal):
    StatusChangeFactory(idea=portal.public_idea, to_status=Idea.Status.UNDER_REVIEW, message="We are looking at it.")
    StatusChangeFactory(idea=portal.public_idea, to_status=Idea.Status.PLANNED, message="Planned for June.")
    page = page_of(client, portal.public_idea).content.decode()
    assert "Status: Under review" in page
    assert "We are looking at it." in page
    assert "Status: Planned" in page
    assert "Planned for June." in page
    assert page.index("We are looking at it.") < page.index("Planned for June.")


@pytest.mark.parametrize("field", ["title", "problem", "body"])
def test_markup_in_an_idea_is_shown_inert(client, portal, field):
    idea = IdeaFactory(space=portal.public, **{field: XSS})
    page = page_of(client, idea).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert" in page


def test_markup_in_a_comment_is_shown_inert(client, portal):
    CommentFactory(idea=portal.public_idea, body=XSS)
    page = page_of(client, portal.public_idea).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;" in page


def test_anonymous_visitors_are_invited_to_sign_in_to_vote_and_comment(client, portal):
    page = page_of(client, portal.public_idea).content.decode()
    assert "Sign in to vote" in page
    assert "Sign in to comment" in page
    assert reverse("ideas:vote", args=[portal.public_idea.pk]) not in page


def test_people_without_a_verified_address_are_told_to_confirm_it(client, portal):
    unverified = UserFactory(email_verified=False)
    page = page_of(signed_in(client, unverified), portal.public_idea).content.decode()
    assert "Confirm your e-mail address to vote and comment." in page
    assert reverse("ideas:vote", args=[portal.public_idea.pk]) not in page


# --- Voting --------------------------------------------------------------------------


def test_voting_without_javascript_counts_the_vote_and_comes_back_to_the_page(client, portal):
    idea = portal.public_idea
    response = signed_in(client, portal.outsider).post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote"})
    assert response.status_code == 302
    assert response["Location"] == f"{idea.get_absolute_url()}#vote"
    assert fresh(idea).vote_count == 1
    page = client.get(response["Location"]).content.decode()
    assert "Your vote is counted." in page
    assert "You voted for this idea." in page
    assert "Withdraw my vote" in page


def test_voting_with_htmx_answers_with_the_vote_panel_only(client, portal):
    idea = portal.public_idea
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:vote", args=[idea.pk]), {"action": "vote", "shown_in": "detail"}, headers=HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert page.lstrip().startswith('<section id="vote"')
    assert "<strong>1</strong>" in page
    assert "You voted for this idea." in page
    assert "Your vote is counted." in page


def test_a_second_click_withdraws_the_vote(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.outsider)
    client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote"}, headers=HTMX)
    response = client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "retract"}, headers=HTMX)
    assert "Your vote is withdrawn." in response.content.decode()
    assert "Vote for this idea" in response.content.decode()
    assert fresh(idea).vote_count == 0
    assert not Vote.objects.filter(idea=idea).exists()


def test_voting_twice_counts_once(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.outsider)
    for _attempt in range(2):
        client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote"})
    assert fresh(idea).vote_count == 1


def test_a_voter_says_how_much_it_matters_and_may_change_it(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.outsider)
    client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote", "importance": "important"})
    client.post(reverse("ideas:vote", args=[idea.pk]), {"action": "vote", "importance": "blocker"})
    idea = fresh(idea)
    assert (idea.vote_count, idea.votes_important, idea.votes_blocker) == (1, 0, 1)
    page = page_of(client, idea).content.decode()
    assert 'value="blocker" checked' in page
    assert "1 blocker" in page


def test_an_unknown_importance_is_refused(client, portal):
    idea = portal.public_idea
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:vote", args=[idea.pk]), {"action": "vote", "importance": "urgent!!"}, headers=HTMX
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert fresh(idea).vote_count == 0


def test_a_person_without_a_verified_address_cannot_vote(client, portal):
    idea = portal.public_idea
    response = signed_in(client, UserFactory(email_verified=False)).post(
        reverse("ideas:vote", args=[idea.pk]), {"action": "vote"}
    )
    assert response.status_code == 403
    assert "You cannot vote in this space." in response.content.decode()
    assert fresh(idea).vote_count == 0


def test_anonymous_votes_are_sent_to_sign_in(client, portal):
    response = client.post(reverse("ideas:vote", args=[portal.public_idea.pk]), {"action": "vote"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert fresh(portal.public_idea).vote_count == 0


@pytest.mark.parametrize("action", ["ideas:vote", "ideas:follow", "ideas:comment", "ideas:status"])
def test_outsiders_acting_on_a_private_idea_get_not_found(client, portal, action):
    response = signed_in(client, portal.outsider).post(
        reverse(action, args=[portal.private_idea.pk]), {"action": "vote", "body": "Hi", "status": "planned"}
    )
    assert response.status_code == 404
    assert PRIVATE_TITLE not in response.content.decode()
    assert not Vote.objects.filter(user=portal.outsider).exists()
    assert not Comment.objects.exists()


def test_the_vote_page_only_takes_posts(client, portal):
    signed_in(client, portal.outsider)
    assert client.get(reverse("ideas:vote", args=[portal.public_idea.pk])).status_code == 405


# --- Following -----------------------------------------------------------------------


def test_follow_and_unfollow_without_javascript(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.outsider)
    response = client.post(reverse("ideas:follow", args=[idea.pk]), {"action": "follow"})
    assert response.status_code == 302
    assert Follow.objects.filter(idea=idea, user=portal.outsider).exists()
    assert "You follow this idea" in client.get(response["Location"]).content.decode()
    client.post(reverse("ideas:follow", args=[idea.pk]), {"action": "unfollow"})
    assert not Follow.objects.filter(idea=idea, user=portal.outsider).exists()


def test_follow_with_htmx_answers_with_the_follow_box_only(client, portal):
    idea = portal.public_idea
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:follow", args=[idea.pk]), {"action": "follow"}, headers=HTMX
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="follow"')
    assert 'value="unfollow"' in page
    response = client.post(reverse("ideas:follow", args=[idea.pk]), {"action": "unfollow"}, headers=HTMX)
    assert 'value="follow"' in response.content.decode()
    assert not Follow.objects.filter(idea=idea, user=portal.outsider).exists()


# --- Comments ------------------------------------------------------------------------


def test_a_comment_and_a_reply_show_on_the_page(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.outsider)
    response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "I need this **weekly**."})
    comment = Comment.objects.get()
    assert response["Location"] == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "Same here.", "parent": comment.pk})
    reply = Comment.objects.get(parent=comment)
    page = page_of(client, idea).content.decode()
    assert "I need this <strong>weekly</strong>." in page
    assert f'id="comment-{reply.pk}"' in page
    assert page.index(f'id="comment-{comment.pk}"') < page.index('class="replies"') < page.index("Same here.")
    assert "2 comments" in page


def test_commenting_with_htmx_answers_with_the_comments_only(client, portal):
    idea = portal.public_idea
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:comment", args=[idea.pk]), {"body": "Great idea."}, headers=HTMX
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="comments"')
    assert "Great idea." in page
    assert "Your comment is posted." in page
    assert "1 comment" in page


def test_an_empty_comment_is_refused(client, portal):
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:comment", args=[portal.public_idea.pk]), {"body": "   "}
    )
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_refused_comment_keeps_what_was_typed(client, portal):
    text = "A thoughtful remark. " * 500
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:comment", args=[portal.public_idea.pk]), {"body": text}, headers=HTMX
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 10000 characters" in page
    assert text.strip() in page
    assert 'aria-invalid="true"' in page
    assert not Comment.objects.exists()


def test_a_refused_reply_reopens_its_form_with_what_was_typed(client, portal):
    comment = CommentFactory(idea=portal.public_idea)
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:comment", args=[portal.public_idea.pk]), {"body": "x" * 10_001, "parent": comment.pk}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert '<details class="reply" open>' in page
    assert "x" * 10_001 in page


def test_only_moderators_see_the_official_answer_checkbox(client, portal):
    assert 'name="official"' not in page_of(signed_in(client, portal.outsider), portal.public_idea).content.decode()
    assert 'name="official"' in page_of(signed_in(client, portal.moderator), portal.public_idea).content.decode()


def test_a_moderator_answers_officially_and_it_is_highlighted(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.moderator)
    client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "We will build this.", "official": "on"})
    comment = Comment.objects.get()
    assert comment.is_official
    page = page_of(client, idea).content.decode()
    assert f'id="comment-{comment.pk}" class="comment official"' in page
    assert "Official response" in page


def test_an_official_answer_by_someone_else_is_refused_and_the_text_kept(client, portal):
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:comment", args=[portal.public_idea.pk]), {"body": "Speaking for Acme!", "official": "on"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Only moderators may answer officially." in page
    assert "Speaking for Acme!" in page
    assert not Comment.objects.exists()


def test_the_author_edits_a_comment_within_fifteen_minutes(client, portal):
    comment = CommentFactory(idea=portal.public_idea, author=portal.outsider)
    signed_in(client, portal.outsider)
    assert (
        f'action="{reverse("ideas:comment_edit", args=[comment.pk])}"' in page_of(client, comment.idea).content.decode()
    )
    response = client.post(reverse("ideas:comment_edit", args=[comment.pk]), {"body": "Corrected text."})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Corrected text." in page
    assert "edited" in page


def test_after_fifteen_minutes_the_author_can_no_longer_edit(client, portal):
    comment = CommentFactory(idea=portal.public_idea, author=portal.outsider, body="Original.")
    Comment.objects.filter(pk=comment.pk).update(created_at=comment.created_at - timedelta(minutes=16))
    signed_in(client, portal.outsider)
    assert reverse("ideas:comment_edit", args=[comment.pk]) not in page_of(client, comment.idea).content.decode()
    response = client.post(reverse("ideas:comment_edit", args=[comment.pk]), {"body": "Too late."})
    assert response.status_code == 403
    assert "Comments can be edited for 15 minutes after posting." in response.content.decode()
    assert Comment.objects.get().body == "Original."


def test_nobody_else_edits_or_deletes_a_comment(client, portal):
    comment = posted(portal.member, portal.public_idea, "Mine.")
    signed_in(client, portal.outsider)
    page = page_of(client, comment.idea).content.decode()
    assert reverse("ideas:comment_edit", args=[comment.pk]) not in page
    assert reverse("ideas:comment_delete", args=[comment.pk]) not in page
    assert client.post(reverse("ideas:comment_edit", args=[comment.pk]), {"body": "Yours."}).status_code == 403
    assert client.post(reverse("ideas:comment_delete", args=[comment.pk])).status_code == 403
    assert Comment.objects.get().body == "Mine."


def test_deleting_a_comment_leaves_a_tombstone_and_keeps_its_replies(client, portal):
    comment = posted(portal.outsider, portal.public_idea, "Regrettable words.")
    posted(portal.moderator, portal.public_idea, "A reply that stays.", parent=comment)
    signed_in(client, portal.outsider)
    response = client.post(reverse("ideas:comment_delete", args=[comment.pk]), headers=HTMX)
    page = response.content.decode()
    assert "This comment was deleted." in page
    assert "Regrettable words." not in page
    assert "A reply that stays." in page


def test_a_moderator_may_delete_any_comment(client, portal):
    comment = posted(portal.outsider, portal.public_idea)
    signed_in(client, portal.moderator).post(reverse("ideas:comment_delete", args=[comment.pk]))
    assert Comment.objects.get().is_deleted


def test_outsiders_cannot_reach_comments_of_private_ideas(client, portal):
    comment = CommentFactory(idea=portal.private_idea, author=portal.member)
    signed_in(client, portal.outsider)
    assert client.post(reverse("ideas:comment_edit", args=[comment.pk]), {"body": "x"}).status_code == 404
    assert client.post(reverse("ideas:comment_delete", args=[comment.pk])).status_code == 404
    assert not Comment.objects.get().is_deleted


# --- Status changes ------------------------------------------------------------------


def test_only_moderators_see_the_change_status_form(client, portal):
    url = reverse("ideas:status", args=[portal.public_idea.pk])
    assert url not in page_of(signed_in(client, portal.outsider), portal.public_idea).content.decode()
    assert url in page_of(signed_in(client, portal.moderator), portal.public_idea).content.decode()
    assert url in page_of(signed_in(client, portal.staff), portal.public_idea).content.decode()


@pytest.mark.parametrize("actor", ["moderator", "staff"])
def test_a_moderator_changes_the_status_with_an_official_response(client, portal, actor):
    idea = portal.public_idea
    signed_in(client, getattr(portal, actor))
    response = client.post(
        reverse("ideas:status", args=[idea.pk]), {"status": "planned", "message": "Coming in the June release."}
    )
    assert response["Location"] == f"{idea.get_absolute_url()}#history"
    assert fresh(idea).status == Idea.Status.PLANNED
    page = client.get(response["Location"]).content.decode()
    assert "The status is now: Planned." in page
    assert "Coming in the June release." in page
    assert 'class="badge status-planned"' in page


def test_a_status_change_by_anyone_else_is_refused(client, portal):
    idea = portal.public_idea
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:status", args=[idea.pk]), {"status": "shipped", "message": "Done!"}
    )
    assert response.status_code == 403
    assert "Only moderators of this space may change the status of its ideas." in response.content.decode()
    assert fresh(idea).status == Idea.Status.NEW
    assert not StatusChange.objects.exists()


def test_a_moderator_of_another_space_cannot_change_the_status(client, portal):
    idea = IdeaFactory(space=portal.private)
    other = UserFactory()
    response = signed_in(client, other).post(reverse("ideas:status", args=[idea.pk]), {"status": "shipped"})
    assert response.status_code == 404
    assert fresh(idea).status == Idea.Status.NEW


def test_an_unknown_status_is_refused_and_the_message_kept(client, portal):
    response = signed_in(client, portal.moderator).post(
        reverse("ideas:status", args=[portal.public_idea.pk]), {"status": "teleported", "message": "Keep me."}
    )
    assert response.status_code == 400
    assert "Keep me." in response.content.decode()
    assert not StatusChange.objects.exists()


def test_the_status_form_offers_no_duplicate_and_refuses_it(client, portal):
    signed_in(client, portal.moderator)
    page = page_of(client, portal.public_idea).content.decode()
    assert 'value="planned"' in page
    assert 'value="duplicate"' not in page

    response = client.post(reverse("ideas:status", args=[portal.public_idea.pk]), {"status": "duplicate"})
    assert response.status_code == 400
    assert (fresh(portal.public_idea).status, fresh(portal.public_idea).merged_into) == (Idea.Status.NEW, None)
    assert not StatusChange.objects.exists()


def test_followers_hear_of_a_status_change_made_on_the_page(client, portal):
    idea = portal.public_idea
    VoteFactory(idea=idea, user=portal.outsider)
    Follow.objects.create(idea=idea, user=portal.outsider)
    signed_in(client, portal.moderator).post(reverse("ideas:status", args=[idea.pk]), {"status": "shipped"})
    assert Notification.objects.filter(recipient=portal.outsider, kind=Notification.Kind.STATUS_CHANGE).exists()


# The idea, its history, comments, replies, images, tags and tracker links; signed in, also
# the session, the user, the header's unread count and moderation link, and the checks of what
# the viewer may do (report included); for a moderator, the spaces they may move the idea to.
DETAIL_QUERIES = {"anonymous": 7, "moderator": 19}


@pytest.mark.parametrize("viewer", ["anonymous", "moderator"])
def test_the_page_queries_stay_flat_whatever_the_number_of_comments(
    client, portal, django_assert_max_num_queries, viewer
):
    idea = portal.public_idea
    signed_in(client, getattr(portal, viewer))
    queries = []
    for added in (3, 30):
        for _number in range(added):
            parent = posted(UserFactory(), idea)
            posted(UserFactory(), idea, "A reply.", parent=parent)
            StatusChangeFactory(idea=idea, actor=portal.moderator)
        with django_assert_max_num_queries(DETAIL_QUERIES[viewer]) as captured:
            assert page_of(client, idea).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]
