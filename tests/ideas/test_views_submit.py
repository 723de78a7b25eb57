"""Sharing an idea (/ideas/new/) and the similar ideas shown while its title is typed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ideas.images import MAX_IMAGE_BYTES
from ideas.models import Follow, Idea, IdeaImage
from tests.community.factories import SpaceFactory, UserFactory
from tests.ideas.factories import CategoryFactory, IdeaFactory, VoteFactory
from tests.ideas.pages import HTMX, INSIDERS, PRIVATE_TITLE, VIEWERS, png_upload, portal_fixture, signed_in  # noqa: F401

pytestmark = pytest.mark.django_db


def an_idea(portal, **changes) -> dict:
    """What a filled-in form sends."""
    return {
        "space": portal.public.slug,
        "title": "Schedule reports by e-mail",
        "problem": "Every Monday I export three reports by hand.",
        "body": "Send them **every Monday** at 8.",
        "category": "",
        **changes,
    }


def submit(client, data):
    return client.post(reverse("ideas:submit"), data)


def media_files(settings) -> list:
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] if settings.MEDIA_ROOT.exists() else []


# --- The form ------------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in(client, portal):
    response = client.get(reverse("ideas:submit"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_form_offers_only_spaces_the_person_may_post_in(client, portal):
    page = signed_in(client, portal.outsider).get(reverse("ideas:submit")).content.decode()
    assert 'value="product"' in page
    assert 'value="partners"' not in page
    assert "Partner Lounge" not in page
    page = signed_in(client, portal.member).get(reverse("ideas:submit")).content.decode()
    assert 'value="partners"' in page


def test_the_space_can_be_chosen_in_the_link(client, portal):
    page = signed_in(client, portal.member).get(reverse("ideas:submit"), {"space": "partners"}).content.decode()
    assert 'value="partners" selected' in page


def test_categories_are_offered_under_their_space(client, portal):
    CategoryFactory(space=portal.public, name="Reports")
    CategoryFactory(space=portal.private, name="Pricing")
    page = signed_in(client, portal.outsider).get(reverse("ideas:submit")).content.decode()
    assert '<optgroup label="Acme Product">' in page
    assert "Reports" in page
    assert "Pricing" not in page


def test_the_title_asks_for_similar_ideas_as_it_is_typed(client, portal):
    page = signed_in(client, portal.outsider).get(reverse("ideas:submit")).content.decode()
    assert f'hx-get="{reverse("ideas:similar")}"' in page
    assert 'hx-trigger="keyup changed delay:400ms"' in page
    assert 'hx-target="#similar-ideas"' in page
    assert 'id="similar-ideas"' in page


def test_people_without_a_verified_address_are_told_to_confirm_it(client, portal):
    unverified = UserFactory(email_verified=False)
    signed_in(client, unverified)
    assert "Confirm your e-mail address to share ideas" in client.get(reverse("ideas:submit")).content.decode()
    assert submit(client, an_idea(portal)).status_code == 400
    assert not Idea.objects.filter(author=unverified).exists()


# --- Submitting ----------------------------------------------------------------------


def test_a_new_idea_opens_on_its_page_with_the_authors_vote(client, portal):
    category = CategoryFactory(space=portal.public)
    response = submit(signed_in(client, portal.outsider), an_idea(portal, category=category.pk))
    idea = Idea.objects.get(title="Schedule reports by e-mail")
    assert response.status_code == 302
    assert response["Location"] == idea.get_absolute_url()
    assert (idea.space, idea.category, idea.author, idea.vote_count) == (portal.public, category, portal.outsider, 1)
    assert idea.problem == "Every Monday I export three reports by hand."
    assert Follow.objects.filter(idea=idea, user=portal.outsider).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Your idea is posted." in page
    assert "<strong>every Monday</strong>" in page


def test_a_member_posts_in_a_private_space(client, portal):
    submit(signed_in(client, portal.member), an_idea(portal, space="partners"))
    assert Idea.objects.get(title="Schedule reports by e-mail").space == portal.private


def test_an_outsider_cannot_post_in_a_private_space(client, portal):
    response = submit(signed_in(client, portal.outsider), an_idea(portal, space="partners"))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Idea.objects.filter(title="Schedule reports by e-mail").exists()


def test_fields_the_form_does_not_have_are_ignored(client, portal):
    submit(signed_in(client, portal.outsider), an_idea(portal, status="shipped", vote_count=1000, hidden="on"))
    idea = Idea.objects.get(title="Schedule reports by e-mail")
    assert (idea.status, idea.vote_count, idea.hidden) == (Idea.Status.NEW, 1, False)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "Hm"}, "at least 5 characters"),
        ({"title": "x" * 141}, "at most 140 characters"),
        ({"title": "Reports\u202e by e-mail"}, "Remove invisible or control characters"),
        ({"title": "Reports\x00 by mail"}, "Null characters are not allowed"),
        ({"body": "y" * 20_001}, "at most 20000 characters"),
        ({"problem": "z" * 5_001}, "at most 5000 characters"),
        ({"space": ""}, "This field is required"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_what_was_typed_kept(client, portal, changes, message):
    data = an_idea(portal, **changes)
    response = submit(signed_in(client, portal.outsider), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Please correct the fields marked below; what you typed is kept." in page
    for field in ("problem", "body"):
        assert data[field][:100] in page
    assert not Idea.objects.filter(author=portal.outsider).exists()


def test_a_category_of_another_space_is_refused(client, portal):
    elsewhere = CategoryFactory(space=SpaceFactory(slug="elsewhere"))
    response = submit(signed_in(client, portal.staff), an_idea(portal, category=elsewhere.pk))
    assert response.status_code == 400
    assert "Choose a category of this space." in response.content.decode()
    assert not Idea.objects.filter(title="Schedule reports by e-mail").exists()


# --- Images --------------------------------------------------------------------------


def test_a_real_image_is_accepted_and_stored_re_encoded_under_a_random_name(client, portal):
    signed_in(client, portal.outsider)
    response = client.post(reverse("ideas:submit"), {**an_idea(portal), "images": [png_upload("holiday photo.png")]})
    assert response.status_code == 302
    image = IdeaImage.objects.get()
    assert "holiday" not in image.image.name
    assert (image.width, image.height) == (12, 8)
    with Image.open(image.image.path) as stored:
        assert stored.size == (12, 8)
        assert stored.format == "JPEG"
    page = client.get(response["Location"]).content.decode()
    assert f'src="/ideas/images/{image.image.name.removeprefix("ideas/")}"' in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.png", b"just some text, not an image", content_type="image/png"), "could not be read"),
        (
            SimpleUploadedFile(
                "drawing.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                content_type="image/svg+xml",
            ),
            "could not be read",
        ),
        (SimpleUploadedFile("huge.png", b"\x89PNG" + b"0" * MAX_IMAGE_BYTES, content_type="image/png"), "5 MB"),
    ],
    ids=["text-named-png", "svg", "oversize"],
)
def test_a_file_that_is_not_an_acceptable_image_is_refused_and_nothing_saved(client, portal, settings, upload, message):
    response = signed_in(client, portal.outsider).post(
        reverse("ideas:submit"), {**an_idea(portal), "images": [png_upload(), upload]}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Please choose your images again" in page
    assert "Schedule reports by e-mail" in page
    assert not Idea.objects.filter(title="Schedule reports by e-mail").exists()
    assert not IdeaImage.objects.exists()
    assert media_files(settings) == []


def test_more_than_five_images_are_refused(client, portal):
    uploads = [png_upload(f"shot{number}.png") for number in range(6)]
    response = signed_in(client, portal.outsider).post(reverse("ideas:submit"), {**an_idea(portal), "images": uploads})
    assert response.status_code == 400
    assert "Attach at most 5 images." in response.content.decode()
    assert not IdeaImage.objects.exists()


# --- Similar ideas -------------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS)
def test_similar_ideas_never_include_private_ideas_for_outsiders(client, portal, viewer):
    response = signed_in(client, getattr(portal, viewer)).get(
        reverse("ideas:similar"), {"title": "pricing export"}, headers=HTMX
    )
    page = response.content.decode()
    assert "Export reports to spreadsheets" in page
    assert (PRIVATE_TITLE in page) == (viewer in INSIDERS)
    assert "<html" not in page


def test_similar_ideas_are_searched_in_the_chosen_space(client, portal):
    signed_in(client, portal.member)
    page = client.get(reverse("ideas:similar"), {"title": "export", "space": "partners"}, headers=HTMX)
    assert PRIVATE_TITLE in page.content.decode()
    assert "Export reports to spreadsheets" not in page.content.decode()


def test_similar_ideas_of_a_space_the_viewer_cannot_see_are_not_found(client, portal):
    response = signed_in(client, portal.outsider).get(
        reverse("ideas:similar"), {"title": "export", "space": "partners"}, headers=HTMX
    )
    assert response.status_code == 404
    assert PRIVATE_TITLE not in response.content.decode()


def test_at_most_five_similar_ideas_with_status_and_votes(client, portal):
    for number in range(7):
        IdeaFactory(space=portal.public, title=f"Export format number {number}")
    page = client.get(reverse("ideas:similar"), {"title": "export"}, headers=HTMX).content.decode()
    assert page.count("<li>") == 5
    assert 'class="badge status-new"' in page
    assert "0 votes" in page


def test_no_title_no_similar_ideas(client, portal):
    assert client.get(reverse("ideas:similar"), {"title": "  "}, headers=HTMX).content.decode().strip() == ""


def test_the_similar_ideas_page_also_answers_without_htmx(client, portal):
    response = client.get(reverse("ideas:similar"), {"title": "export"})
    assert "<html" in response.content.decode()
    assert "Export reports to spreadsheets" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_vote_for_a_similar_idea_instead(client, portal):
    idea = portal.public_idea
    signed_in(client, portal.outsider)
    page = client.get(reverse("ideas:similar"), {"title": "export"}, headers=HTMX).content.decode()
    assert f'formaction="{reverse("ideas:vote", args=[idea.pk])}"' in page
    assert "Vote for this instead" in page
    response = client.post(
        reverse("ideas:vote", args=[idea.pk]), {"action": "vote", "shown_in": "similar"}, headers=HTMX
    )
    assert response.content.decode().lstrip().startswith(f'<span id="similar-vote-{idea.pk}"')
    assert "You voted for this" in response.content.decode()
    assert Idea.objects.get(pk=idea.pk).vote_count == 1


def test_similar_ideas_show_what_the_viewer_already_voted_for(client, portal):
    VoteFactory(idea=portal.public_idea, user=portal.outsider)
    signed_in(client, portal.outsider)
    page = client.get(reverse("ideas:similar"), {"title": "export"}, headers=HTMX).content.decode()
    assert "You voted for this" in page
    assert "Vote for this instead" not in page


def test_markup_in_similar_titles_is_shown_as_text(client, portal):
    IdeaFactory(space=portal.public, title='Export <img src=x onerror=alert(1)> <script>alert("x")</script>')
    page = client.get(reverse("ideas:similar"), {"title": "export"}, headers=HTMX).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page
    assert "<script>alert" not in page
