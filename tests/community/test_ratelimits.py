"""Posting limits per person and per address: 429 with Retry-After and a clear "slow down", nothing written."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.services import create_api_token
from community.models import Flag, User
from community.services import set_trust_level
from ideas.models import Comment, Idea, Vote
from tests.community.factories import SpaceFactory, UserFactory
from tests.ideas.factories import CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def space():
    return SpaceFactory(slug="product")


def an_idea(space, number: int) -> dict:
    return {"space": space.slug, "title": f"Idea number {number} to try", "body": "As CSV."}


def submit(client, space, number: int):
    return client.post(reverse("ideas:submit"), an_idea(space, number))


def comment(client, idea, body="Me too.", **headers):
    return client.post(reverse("ideas:comment", args=[idea.pk]), {"body": body}, **headers)


def api_client(user) -> Client:
    _token, key = create_api_token(user, user, name="test", can_write=True)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def assert_slowed_down(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Slow down" in response.content.decode()


def test_a_new_person_shares_three_ideas_a_day_and_the_fourth_is_refused(rate_limits, client, member, space):
    client.force_login(member)
    for number in range(3):
        assert submit(client, space, number).status_code == 302

    response = submit(client, space, 4)

    assert_slowed_down(response)
    assert "You have shared many ideas in a short time" in response.content.decode()
    assert Idea.objects.count() == 3
    assert not Idea.objects.filter(title="Idea number 4 to try").exists()


def test_trusted_people_may_share_more(rate_limits, client, member, space):
    """Trusted as their activity earned it: posting refreshes the level, so it must hold up."""
    User.objects.filter(pk=member.pk).update(date_joined=timezone.now() - timedelta(days=40))
    CommentFactory.create_batch(10, author=member, idea=IdeaFactory(space=space))
    set_trust_level(member, "trusted")
    client.force_login(member)

    for number in range(5):
        assert submit(client, space, number).status_code == 302

    assert Idea.objects.filter(author=member).count() == 5


def test_staff_are_not_limited(rate_limits, client, space):
    client.force_login(UserFactory(is_staff=True))

    for number in range(5):
        assert submit(client, space, number).status_code == 302


def test_comments_are_limited_per_person(rate_limits, settings, client, member, space):
    settings.RATE_LIMITS = {**rate_limits, "comment": {**rate_limits["comment"], "new": {"user": "2/d", "ip": "9/d"}}}
    idea = IdeaFactory(space=space)
    client.force_login(member)
    comment(client, idea)
    comment(client, idea)

    response = comment(client, idea, "One too many.")

    assert_slowed_down(response)
    assert "You have written many comments" in response.content.decode()
    assert Comment.objects.count() == 2


def test_an_address_is_limited_across_accounts(rate_limits, settings, client, space):
    """Many fresh accounts behind one address share one allowance."""
    settings.RATE_LIMITS = {**rate_limits, "comment": {**rate_limits["comment"], "new": {"user": "5/d", "ip": "2/d"}}}
    idea = IdeaFactory(space=space)
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    comment(client, idea)
    comment(client, idea)
    client.force_login(second)

    assert_slowed_down(comment(client, idea))
    assert comment(client, idea, REMOTE_ADDR="203.0.113.9").status_code == 302
    assert Comment.objects.count() == 3


def test_a_trusted_person_at_a_busy_address_is_not_held_up_by_new_accounts(rate_limits, settings, client, space):
    settings.RATE_LIMITS = {**rate_limits, "comment": {**rate_limits["comment"], "new": {"user": "5/d", "ip": "1/d"}}}
    idea = IdeaFactory(space=space)
    client.force_login(UserFactory())
    comment(client, idea)
    trusted = UserFactory()
    set_trust_level(trusted, "trusted")
    client.force_login(trusted)

    assert comment(client, idea).status_code == 302


def test_votes_are_limited_and_htmx_gets_the_message_alone(rate_limits, settings, client, member, space):
    settings.RATE_LIMITS = {**rate_limits, "vote": {**rate_limits["vote"], "new": {"user": "1/d", "ip": "9/d"}}}
    first, second = IdeaFactory(space=space), IdeaFactory(space=space)
    client.force_login(member)
    client.post(reverse("ideas:vote", args=[first.pk]), {"action": "vote"})

    response = client.post(reverse("ideas:vote", args=[second.pk]), {"action": "vote"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 429
    assert response["HX-Reswap"] == "beforebegin"
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Slow down" in html
    assert "<html" not in html
    assert not Vote.objects.filter(idea=second).exists()


def test_the_limits_follow_the_forwarded_address_behind_a_proxy(rate_limits, settings, client, space):
    settings.NUM_PROXIES = 1
    settings.RATE_LIMITS = {**rate_limits, "comment": {**rate_limits["comment"], "new": {"user": "5/d", "ip": "1/d"}}}
    idea = IdeaFactory(space=space)
    client.force_login(UserFactory())
    comment(client, idea, HTTP_X_FORWARDED_FOR="198.51.100.1")
    client.force_login(UserFactory())

    assert comment(client, idea, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302
    assert_slowed_down(comment(client, idea, HTTP_X_FORWARDED_FOR="198.51.100.1"))


def test_the_api_answers_429_in_its_own_shape(rate_limits, member, space):
    api = api_client(member)
    for number in range(3):
        assert api.post("/api/v1/ideas/", an_idea(space, number), content_type=JSON).status_code == 201

    response = api.post("/api/v1/ideas/", an_idea(space, 4), content_type=JSON)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert error["message"].startswith("Slow down")
    assert Idea.objects.count() == 3


def test_the_api_and_the_site_share_one_allowance(rate_limits, settings, client, member, space):
    settings.RATE_LIMITS = {**rate_limits, "comment": {**rate_limits["comment"], "new": {"user": "1/d", "ip": "9/d"}}}
    idea = IdeaFactory(space=space)
    client.force_login(member)
    comment(client, idea)

    response = api_client(member).post(f"/api/v1/ideas/{idea.pk}/comments/", {"body": "Again."}, content_type=JSON)

    assert response.status_code == 429
    assert Comment.objects.count() == 1


def test_reports_are_limited(rate_limits, settings, client, member, space):
    settings.RATE_LIMITS = {**rate_limits, "report": {**rate_limits["report"], "new": {"user": "1/d", "ip": "9/d"}}}
    first, second = IdeaFactory(space=space), IdeaFactory(space=space)
    client.force_login(member)
    client.post(reverse("ideas:report_idea", args=[first.pk]), {"reason": "spam"})

    response = client.post(reverse("ideas:report_idea", args=[second.pk]), {"reason": "spam"})

    assert_slowed_down(response)
    assert "You have sent many reports" in response.content.decode()
    assert Flag.objects.count() == 1
