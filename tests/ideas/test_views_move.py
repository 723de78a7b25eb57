"""The "Move to another space" form on an idea's page."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import Membership
from ideas.models import Idea
from tests.community.factories import MembershipFactory, UserFactory
from tests.ideas.pages import portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db

FORM = 'action="{}"'


def move_url(idea):
    return reverse("ideas:move", args=[idea.pk])


def page(client, idea):
    return client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()


@pytest.mark.parametrize(("viewer", "shown"), [("moderator", True), ("staff", True), ("member", False)])
def test_the_form_shows_only_to_moderators_of_this_and_another_space(client, portal, viewer, shown):
    html = page(signed_in(client, getattr(portal, viewer)), portal.private_idea)
    assert (FORM.format(move_url(portal.private_idea)) in html) is shown
    if shown:
        assert "Carry the comments with it" in html
        assert f'<option value="{portal.public.pk}"' in html
        assert f'<option value="{portal.private.pk}"' not in html


def test_a_moderator_of_only_this_space_sees_no_form(client, portal):
    only_here = UserFactory()
    MembershipFactory(user=only_here, space=portal.public, role=Membership.Role.MODERATOR)
    assert FORM.format(move_url(portal.public_idea)) not in page(signed_in(client, only_here), portal.public_idea)


def test_moving_redirects_to_the_idea_with_a_message(client, portal):
    signed_in(client, portal.moderator)
    response = client.post(move_url(portal.private_idea), {"to_space": portal.public.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("ideas:detail", args=[portal.private_idea.pk])
    assert "The idea is now in Acme Product." in response.content.decode()
    assert Idea.objects.get(pk=portal.private_idea.pk).space == portal.public


def test_a_refusal_is_shown_and_nothing_moves(client, portal):
    response = signed_in(client, portal.member).post(move_url(portal.private_idea), {"to_space": portal.private.pk})
    assert response.status_code == 403
    assert "Only moderators of both spaces may move an idea between them." in response.content.decode()
    assert Idea.objects.get(pk=portal.private_idea.pk).space == portal.private


def test_the_form_needs_its_csrf_token(portal):
    client = Client(enforce_csrf_checks=True)
    client.force_login(portal.moderator)
    assert client.post(move_url(portal.private_idea), {"to_space": portal.public.pk}).status_code == 403
    assert Idea.objects.get(pk=portal.private_idea.pk).space == portal.private


@pytest.mark.parametrize("viewer", ["anonymous", "outsider"])
def test_outsiders_are_told_not_found_or_to_sign_in(client, portal, viewer):
    response = signed_in(client, getattr(portal, viewer)).post(
        move_url(portal.private_idea), {"to_space": portal.public.pk}
    )
    assert response.status_code == (404 if viewer == "outsider" else 302)
    assert Idea.objects.get(pk=portal.private_idea.pk).space == portal.private
