"""Tags on the submit form: optional, comma-separated, checked by the service, errors on the field."""

import pytest
from django.urls import reverse

from ideas.models import Idea
from tests.ideas.pages import portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def submit(client, portal, tags):
    return client.post(
        reverse("ideas:submit"),
        {"space": portal.public.slug, "title": "Schedule reports by e-mail", "body": "", "tags": tags},
    )


def tags_error(response) -> list[str]:
    return response.context["form"].errors.get("tags", [])


def test_the_form_offers_a_labelled_optional_tags_field_with_its_limit(client, portal):
    page = signed_in(client, portal.outsider).get(reverse("ideas:submit")).content.decode()

    assert '<label for="id_tags">Tags (optional):</label>' in page
    assert 'name="tags"' in page
    assert "Up to 5" in page
    assert 'aria-describedby="id_tags_helptext"' in page


def test_comma_separated_tags_are_kept_with_the_idea(client, portal):
    response = submit(signed_in(client, portal.outsider), portal, " Reports, export ,, E-mail ,reports")

    idea = Idea.objects.get(title="Schedule reports by e-mail")
    assert response.status_code == 302
    assert sorted(idea.tags.names()) == ["e-mail", "export", "reports"]


def test_no_tags_is_fine(client, portal):
    response = submit(signed_in(client, portal.outsider), portal, "")

    assert response.status_code == 302
    assert not Idea.objects.get(title="Schedule reports by e-mail").tags.exists()


@pytest.mark.parametrize(
    ("tags", "reason"),
    [
        ("one, two, three, four, five, six", "at most 5 tags"),
        ("x" * 31, "1 to 30 characters"),
        ("dark\u202emode", "invisible or control characters"),
    ],
)
def test_tags_the_service_refuses_are_shown_on_the_field_and_what_was_typed_is_kept(client, portal, tags, reason):
    response = submit(signed_in(client, portal.outsider), portal, tags)

    assert response.status_code == 400
    assert any(reason in error for error in tags_error(response))
    assert 'value="Schedule reports by e-mail"' in response.content.decode()
    assert response.context["form"]["tags"].value() == tags
    assert not Idea.objects.filter(title="Schedule reports by e-mail").exists()


def test_a_tag_that_looks_like_markup_is_kept_as_text(client, portal):
    submit(signed_in(client, portal.outsider), portal, "<b>bold</b>")

    idea = Idea.objects.get(title="Schedule reports by e-mail")
    assert idea.tags.names()[0] == "<b>bold</b>"
    page = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
