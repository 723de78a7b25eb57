""" "Did this solve it?": asked some days after shipping, answered by those who asked for the idea, and a
mostly-no answer sends the idea back to review."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from community.models import Membership, ModerationAction, Notification, Space
from ideas.models import Idea, SolutionFeedback, StatusChange
from ideas.services import give_feedback, request_feedback, ship_ideas
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory, VoteFactory
from tests.ideas.pages import portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db

REOPENED = "Most people who asked for this say the shipped change did not solve it; we are looking again."


def shipped(space, *, days_ago=0, **fields) -> Idea:
    idea = IdeaFactory(space=space, author=MembershipFactory(space=space).user, **fields)
    ship_ideas(UserFactory(is_staff=True), [idea], message="Out now")
    Idea.objects.filter(pk=idea.pk).update(shipped_at=timezone.now() - timedelta(days=days_ago))
    idea.refresh_from_db()
    return idea


def voters_of(idea, count):
    voters = [MembershipFactory(space=idea.space).user for _ in range(count)]
    for voter in voters:
        VoteFactory(idea=idea, user=voter)
    return voters


def asked() -> list:
    kind = Notification.Kind.FEEDBACK_REQUEST
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


@pytest.fixture
def space():
    return SpaceFactory(slug="partners", visibility=Space.Visibility.PRIVATE)


def test_the_author_and_voters_are_asked_once_after_the_configured_days(space, settings):
    settings.SOLUTION_FEEDBACK_AFTER_DAYS = 14
    due = shipped(space, days_ago=15)
    voter, left = voters_of(due, 2)
    Membership.objects.filter(user=left, space=space).delete()
    recent = shipped(space, days_ago=3)
    voters_of(recent, 1)

    call_command("ask_if_solved")
    call_command("ask_if_solved")

    assert asked() == sorted([due.author.username, voter.username])
    assert Idea.objects.get(pk=due.pk).feedback_requested_at is not None
    assert Idea.objects.get(pk=recent.pk).feedback_requested_at is None
    notification = Notification.objects.filter(recipient=voter).get(kind=Notification.Kind.FEEDBACK_REQUEST)
    assert notification.url == f"/ideas/{due.pk}/#solution-feedback"


def test_an_idea_no_longer_shipped_is_not_asked_about(space):
    idea = shipped(space, days_ago=30)
    Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.UNDER_REVIEW)
    assert request_feedback(idea) == 0
    assert asked() == []


def test_a_voter_answers_and_a_second_answer_replaces_the_first(space):
    idea = shipped(space)
    [voter] = voters_of(idea, 1)

    give_feedback(voter, idea, answer="partly", comment="Works, but only for CSV.")
    give_feedback(voter, idea, answer="yes")

    feedback = SolutionFeedback.objects.get()
    assert (feedback.user, feedback.answer, feedback.comment) == (voter, "yes", "")


def test_only_the_author_and_voters_may_answer(space):
    idea = shipped(space)
    give_feedback(idea.author, idea, answer="yes")
    bystander = MembershipFactory(space=space).user
    with pytest.raises(PermissionDenied):
        give_feedback(bystander, idea, answer="no")
    assert SolutionFeedback.objects.count() == 1


def test_a_voter_who_lost_access_may_not_answer(space):
    idea = shipped(space)
    [voter] = voters_of(idea, 1)
    Membership.objects.filter(user=voter, space=space).delete()
    with pytest.raises(PermissionDenied):
        give_feedback(voter, idea, answer="no")


def test_an_idea_not_shipped_takes_no_answers(space):
    idea = IdeaFactory(space=space, author=MembershipFactory(space=space).user, status=Idea.Status.PLANNED)
    with pytest.raises(ValidationError):
        give_feedback(idea.author, idea, answer="yes")


@pytest.mark.parametrize("comment", ["x" * 2001, "Hidden\u202etext"])
def test_a_comment_too_long_or_with_invisible_characters_is_refused(space, comment):
    idea = shipped(space)
    with pytest.raises(ValidationError) as excinfo:
        give_feedback(idea.author, idea, answer="no", comment=comment)
    assert "comment" in excinfo.value.message_dict
    assert not SolutionFeedback.objects.exists()


def test_mostly_no_reopens_the_idea_for_review_by_the_portal_itself(space, settings):
    settings.SOLUTION_FEEDBACK_MIN_ANSWERS = 3
    idea = shipped(space)
    first, second = voters_of(idea, 2)
    give_feedback(idea.author, idea, answer="no")
    give_feedback(first, idea, answer="yes")
    assert Idea.objects.get(pk=idea.pk).status == Idea.Status.SHIPPED  # two answers: too few to judge

    give_feedback(second, idea, answer="no")

    assert Idea.objects.get(pk=idea.pk).status == Idea.Status.UNDER_REVIEW
    change = StatusChange.objects.filter(idea=idea).latest("pk")
    assert (change.to_status, change.actor, change.message) == (Idea.Status.UNDER_REVIEW, None, REOPENED)
    logged = ModerationAction.objects.filter(action=ModerationAction.Action.STATUS_CHANGE).latest("pk")
    assert (logged.actor, logged.after) == (None, {"status": "under_review"})


def test_half_no_is_not_mostly_no(space, settings):
    settings.SOLUTION_FEEDBACK_MIN_ANSWERS = 3
    idea = shipped(space)
    voters = voters_of(idea, 3)
    for voter, answer in zip([idea.author, *voters], ["yes", "no", "partly", "no"], strict=True):
        give_feedback(voter, idea, answer=answer)
    assert Idea.objects.get(pk=idea.pk).status == Idea.Status.SHIPPED


def page_of(client, idea):
    return client.get(reverse("ideas:detail", args=[idea.pk]))


def test_the_page_shows_the_tally_to_all_the_form_to_voters_and_comments_to_moderators(client, portal):
    idea = shipped(portal.public)
    voter, other = voters_of(idea, 2)
    give_feedback(voter, idea, answer="no", comment="Still cannot export the totals.")
    give_feedback(other, idea, answer="yes")

    anonymous = page_of(client, idea).content.decode()
    assert "Yes: 1" in anonymous
    assert "No: 1" in anonymous
    assert "Still cannot export the totals." not in anonymous
    assert 'name="answer"' not in anonymous

    as_voter = page_of(signed_in(client, voter), idea).content.decode()
    assert 'value="no" required checked' in as_voter
    assert "Still cannot export the totals." in as_voter  # their own comment, in the form
    client.logout()
    as_moderator = page_of(signed_in(client, portal.moderator), idea).content.decode()
    assert "Still cannot export the totals." in as_moderator
    assert 'name="answer"' not in as_moderator


def test_answering_through_the_page(client, portal):
    idea = shipped(portal.public)
    [voter] = voters_of(idea, 1)
    response = signed_in(client, voter).post(
        reverse("ideas:feedback", args=[idea.pk]), {"answer": "partly", "comment": "Half of it."}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#solution-feedback")
    assert SolutionFeedback.objects.get().answer == "partly"


def test_someone_who_did_not_ask_for_it_is_refused_on_the_page(client, portal):
    idea = shipped(portal.public)
    response = signed_in(client, portal.outsider).post(reverse("ideas:feedback", args=[idea.pk]), {"answer": "no"})
    assert response.status_code == 403
    assert not SolutionFeedback.objects.exists()


def test_an_outsider_cannot_answer_about_a_private_idea(client, portal):
    idea = shipped(portal.private)
    response = signed_in(client, portal.outsider).post(reverse("ideas:feedback", args=[idea.pk]), {"answer": "no"})
    assert response.status_code == 404


def test_answers_are_rate_limited_like_comments(client, portal, rate_limits):
    idea = shipped(portal.public)
    [voter] = voters_of(idea, 1)
    signed_in(client, voter)
    url = reverse("ideas:feedback", args=[idea.pk])
    statuses = {client.post(url, {"answer": "yes"}).status_code for _ in range(12)}
    assert 429 in statuses


@pytest.mark.parametrize("viewer", ["anonymous", "moderator"])
def test_the_page_of_a_shipped_idea_queries_stay_flat_whatever_the_number_of_answers(
    client, portal, django_assert_max_num_queries, viewer
):
    idea = shipped(portal.public)
    signed_in(client, getattr(portal, viewer))
    queries = []
    for added in (2, 20):
        for voter in voters_of(idea, added):
            give_feedback(voter, idea, answer="yes", comment="Good.")
        with django_assert_max_num_queries(30) as captured:
            assert page_of(client, idea).status_code == 200
        queries.append(len(captured))
    assert queries[0] == queries[1]
