"""Posting limits per person and per address: 429 with Retry-After and a clear "slow down", nothing written."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.services import create_api_token
from community import services as community_services
from community.models import Flag, Membership, TermsAcceptance, User
from community.services import set_trust_level
from ideas.models import Comment, Idea, IdeaImage, Vote
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
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


# --- Only what was accepted counts ------------------------------------------------------------

NOT_AN_IMAGE = b"just some text, not an image"
MANY_LINKS = "See https://a.example, https://b.example and https://c.example."


def limited(settings, rate_limits, action: str, per_person: str, level: str = "new") -> None:
    """`action` limited to `per_person` at trust `level` (their address allows plenty)."""
    settings.RATE_LIMITS = {**rate_limits, action: {**rate_limits[action], level: {"user": per_person, "ip": "99/d"}}}


def published_terms():
    editor = UserFactory(is_staff=True)
    draft = community_services.draft_terms(editor, space=None, title="Agreement", body="<p>You license it.</p>")
    return community_services.publish_terms(editor, draft)


def test_refused_ideas_use_up_no_allowance(rate_limits, settings, client, member, space):
    """Limit 2: five refusals (a file that is no image, no title, terms not ticked), then two ideas
    are posted; only the third accepted one is over the limit."""
    limited(settings, rate_limits, "submit", "2/d")
    terms = published_terms()
    client.force_login(member)
    ticked = {"terms": "on", "terms_shown": terms.pk}
    refusals = [
        {**an_idea(space, 1), **ticked, "images": [SimpleUploadedFile("a.png", NOT_AN_IMAGE, "image/png")]},
        {**an_idea(space, 2), **ticked, "images": [SimpleUploadedFile("b.png", NOT_AN_IMAGE, "image/png")]},
        {**an_idea(space, 3), **ticked, "images": [SimpleUploadedFile("c.png", NOT_AN_IMAGE, "image/png")]},
        {**an_idea(space, 4), **ticked, "title": ""},
        {**an_idea(space, 5), "terms_shown": terms.pk},
    ]
    for data in refusals:
        assert client.post(reverse("ideas:submit"), data).status_code == 400

    assert client.post(reverse("ideas:submit"), {**an_idea(space, 6), **ticked}).status_code == 302
    assert client.post(reverse("ideas:submit"), an_idea(space, 7)).status_code == 302
    assert_slowed_down(client.post(reverse("ideas:submit"), an_idea(space, 8)))
    assert list(Idea.objects.order_by("pk").values_list("title", flat=True)) == [
        "Idea number 6 to try",
        "Idea number 7 to try",
    ]


def test_over_the_limit_nothing_is_written_not_even_the_terms_or_images(rate_limits, settings, client, member, space):
    limited(settings, rate_limits, "submit", "1/d")
    client.force_login(member)
    assert submit(client, space, 1).status_code == 302
    terms = published_terms()
    image = SimpleUploadedFile("d.png", NOT_AN_IMAGE, "image/png")

    response = client.post(
        reverse("ideas:submit"), {**an_idea(space, 2), "terms": "on", "terms_shown": terms.pk, "images": [image]}
    )

    assert_slowed_down(response)
    assert Idea.objects.count() == 1
    assert not TermsAcceptance.objects.exists()
    assert not IdeaImage.objects.exists()


def test_refused_ideas_through_the_api_use_up_no_allowance(rate_limits, settings, member, space):
    limited(settings, rate_limits, "submit", "2/d")
    published_terms()
    api = api_client(member)
    refusals = [
        an_idea(space, 1),  # the terms are not accepted
        an_idea(space, 2),
        {**an_idea(space, 3), "accept_terms": True, "tags": ["x" * 40]},
        {**an_idea(space, 4), "accept_terms": True, "title": ""},
        {**an_idea(space, 5), "accept_terms": True, "category": "nowhere"},
    ]
    for data in refusals:
        assert api.post("/api/v1/ideas/", data, content_type=JSON).status_code == 400

    assert api.post("/api/v1/ideas/", {**an_idea(space, 6), "accept_terms": True}, content_type=JSON).status_code == 201
    assert api.post("/api/v1/ideas/", an_idea(space, 7), content_type=JSON).status_code == 201
    response = api.post("/api/v1/ideas/", an_idea(space, 8), content_type=JSON)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert Idea.objects.count() == 2


def test_refused_comments_use_up_no_allowance_on_the_site_or_in_the_api(rate_limits, settings, client, member, space):
    limited(settings, rate_limits, "comment", "1/d")
    idea = IdeaFactory(space=space)
    client.force_login(member)
    api = api_client(member)
    path = f"/api/v1/ideas/{idea.pk}/comments/"
    for _attempt in range(2):
        assert comment(client, idea, MANY_LINKS).status_code == 400
        assert api.post(path, {"body": MANY_LINKS}, content_type=JSON).status_code == 400

    assert api.post(path, {"body": "Me too."}, content_type=JSON).status_code == 201
    assert_slowed_down(comment(client, idea))
    assert api.post(path, {"body": "Again."}, content_type=JSON).status_code == 429
    assert Comment.objects.count() == 1


def test_refused_votes_use_up_no_allowance_and_htmx_still_gets_its_piece(rate_limits, settings, client, member, space):
    limited(settings, rate_limits, "vote", "1/d")
    merged = IdeaFactory(space=space, status=Idea.Status.DUPLICATE, merged_into=IdeaFactory(space=space))
    wanted, other = IdeaFactory(space=space), IdeaFactory(space=space)
    client.force_login(member)
    for _attempt in range(4):
        refused = client.post(reverse("ideas:vote", args=[merged.pk]), {"action": "vote"}, HTTP_HX_REQUEST="true")
        assert refused.status_code == 400
        assert "<html" not in refused.content.decode()

    assert client.post(reverse("ideas:vote", args=[wanted.pk]), {"action": "vote"}).status_code == 302
    response = client.post(reverse("ideas:vote", args=[other.pk]), {"action": "vote"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert response["HX-Reswap"] == "beforebegin"
    assert list(Vote.objects.values_list("idea", flat=True)) == [wanted.pk]


def test_refused_proxy_votes_through_the_api_use_up_no_allowance(rate_limits, settings, space):
    limited(settings, rate_limits, "vote", "1/d", level="trusted")  # moderators are trusted
    moderator = MembershipFactory(space=space, role=Membership.Role.MODERATOR).user
    merged = IdeaFactory(space=space, status=Idea.Status.DUPLICATE, merged_into=IdeaFactory(space=space))
    wanted, other = IdeaFactory(space=space), IdeaFactory(space=space)
    customer = UserFactory()
    api = api_client(moderator)
    for _attempt in range(4):
        response = api.post(f"/api/v1/ideas/{merged.pk}/votes/", {"email": customer.email}, content_type=JSON)
        assert response.status_code == 409

    accepted = api.post(f"/api/v1/ideas/{wanted.pk}/votes/", {"email": customer.email}, content_type=JSON)
    assert accepted.status_code == 201
    response = api.post(f"/api/v1/ideas/{other.pk}/votes/", {"email": customer.email}, content_type=JSON)
    assert response.status_code == 429
    assert not Vote.objects.filter(idea=other).exists()


def test_refused_reports_use_up_no_allowance(rate_limits, settings, client, member, space):
    limited(settings, rate_limits, "report", "2/d")
    first, second, third = IdeaFactory(space=space), IdeaFactory(space=space), IdeaFactory(space=space)
    client.force_login(member)
    assert client.post(reverse("ideas:report_idea", args=[first.pk]), {"reason": "spam"}).status_code == 302
    for _attempt in range(4):  # reported already
        assert client.post(reverse("ideas:report_idea", args=[first.pk]), {"reason": "spam"}).status_code == 400

    assert client.post(reverse("ideas:report_idea", args=[second.pk]), {"reason": "spam"}).status_code == 302
    assert_slowed_down(client.post(reverse("ideas:report_idea", args=[third.pk]), {"reason": "spam"}))
    assert Flag.objects.count() == 2
