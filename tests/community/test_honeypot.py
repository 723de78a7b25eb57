"""A honeypot field on the public forms: hidden from people, filled in by bots, and then nothing is written."""

import re

import pytest
from django.urls import reverse

from community.models import Flag, User
from ideas.models import Comment, Idea
from tests.community.factories import SpaceFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

GENERIC_ERROR = "This form could not be sent. Please try again."


@pytest.fixture
def space():
    return SpaceFactory(slug="product")


def honeypot_inputs(html: str) -> list[str]:
    return re.findall(r'<input[^>]*name="website"[^>]*>', html)


def assert_hidden_from_people(html: str):
    inputs = honeypot_inputs(html)
    assert inputs
    for tag in inputs:
        assert 'tabindex="-1"' in tag
        assert 'autocomplete="off"' in tag
    assert 'class="visually-hidden"' in html
    assert "Leave this field empty" in html


def test_the_forms_carry_a_honeypot_hidden_from_people(client, member, space):
    idea = IdeaFactory(space=space)
    assert_hidden_from_people(client.get(reverse("account_signup")).content.decode())
    client.force_login(member)
    assert_hidden_from_people(client.get(reverse("ideas:submit")).content.decode())
    assert_hidden_from_people(client.get(reverse("ideas:detail", args=[idea.pk])).content.decode())


def test_a_filled_honeypot_on_the_idea_form_writes_nothing(client, member, space):
    client.force_login(member)
    data = {"space": space.slug, "title": "Export reports as CSV", "body": "A button."}

    response = client.post(reverse("ideas:submit"), {**data, "website": "http://spam.example"})

    assert response.status_code == 400
    assert GENERIC_ERROR in response.content.decode()
    assert not Idea.objects.exists()
    assert client.post(reverse("ideas:submit"), data).status_code == 302


def test_a_filled_honeypot_on_a_comment_writes_nothing(client, member, space):
    idea = IdeaFactory(space=space)
    client.force_login(member)

    response = client.post(reverse("ideas:comment", args=[idea.pk]), {"body": "Buy now", "website": "x"})

    assert response.status_code == 400
    assert GENERIC_ERROR in response.content.decode()
    assert not Comment.objects.exists()


def test_a_filled_honeypot_on_sign_up_creates_no_account(client):
    data = {
        "display_name": "Bot",
        "email": "bot@example.com",
        "password1": "a-long-enough-password-1",
        "password2": "a-long-enough-password-1",
    }

    response = client.post(reverse("account_signup"), {**data, "website": "http://spam.example"})

    assert response.status_code == 200
    assert GENERIC_ERROR in response.content.decode()
    assert not User.objects.filter(email="bot@example.com").exists()


def test_a_filled_honeypot_on_a_report_writes_nothing(client, member, space):
    idea = IdeaFactory(space=space)
    client.force_login(member)
    assert_hidden_from_people(client.get(reverse("ideas:report_idea", args=[idea.pk])).content.decode())

    response = client.post(reverse("ideas:report_idea", args=[idea.pk]), {"reason": "spam", "website": "x"})

    assert response.status_code == 400
    assert GENERIC_ERROR in response.content.decode()
    assert not Flag.objects.exists()
