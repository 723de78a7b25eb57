"""Posting an idea: what is checked, what is stored, and that a refusal stores nothing."""

import re
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Space
from ideas.models import Follow, Idea, IdeaImage, Vote
from ideas.services import submit_idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import CategoryFactory

pytestmark = pytest.mark.django_db

SOLUTION = "Add an **Export** button to every report."


@pytest.fixture
def space():
    return SpaceFactory(visibility=Space.Visibility.PUBLIC)


@pytest.fixture
def private_space():
    return SpaceFactory(visibility=Space.Visibility.PRIVATE)


def png(name="screenshot.png", *, size=(40, 30)) -> SimpleUploadedFile:
    output = BytesIO()
    Image.new("RGB", size, "orange").save(output, format="PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


def written_rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Idea, Vote, Follow, IdeaImage)}


def refused(exception, author, space, title="Export reports to CSV", body=SOLUTION, **options):
    """Submit, expect `exception`, and check that nothing at all was written."""
    before = written_rows()
    with pytest.raises(exception) as raised:
        submit_idea(author, space, title, body, **options)
    assert written_rows() == before
    return raised.value


def test_the_idea_is_stored_with_its_problem_and_solution_apart(member, space):
    category = CategoryFactory(space=space)

    idea = submit_idea(
        member, space, "  Export reports to CSV  ", SOLUTION, category, problem="I retype every report in Excel."
    )

    idea.refresh_from_db()
    assert idea.title == "Export reports to CSV"
    assert idea.problem == "I retype every report in Excel."
    assert idea.body == SOLUTION
    assert (idea.space, idea.category, idea.author, idea.status) == (space, category, member, Idea.Status.NEW)


def test_the_author_votes_for_and_follows_their_idea(member, space):
    idea = submit_idea(member, space, "Export reports to CSV", SOLUTION)

    assert idea.vote_count == 1
    assert Vote.objects.get(idea=idea).user == member
    assert Follow.objects.filter(idea=idea, user=member).exists()


@pytest.mark.parametrize("title", ["Five!", "x" * 140, "  Five!  ", "Zoë wants 🚀 exports"])
def test_titles_of_five_to_140_characters_after_trimming_are_accepted(member, space, title):
    assert submit_idea(member, space, title, SOLUTION).title == title.strip()


@pytest.mark.parametrize("title", ["", "    ", "Four", "  Four  ", "x" * 141])
def test_titles_too_short_or_too_long_are_refused(member, space, title):
    error = refused(ValidationError, member, space, title=title)

    assert "5 to 140 characters" in error.message_dict["title"][0]


@pytest.mark.parametrize(
    "title",
    ["Export\u202egnp.exe", "Export\u200breports", "Export\x00reports", "Export\x1b[31mreports", "Export\u2066reports"],
    ids=["right-to-left override", "zero-width space", "null", "escape", "bidi isolate"],
)
def test_invisible_and_control_characters_in_titles_are_refused(member, space, title):
    error = refused(ValidationError, member, space, title=title)

    assert "invisible or control characters" in error.message_dict["title"][0]


def test_a_solution_of_20000_characters_is_accepted_and_one_more_refused(member, space):
    assert submit_idea(member, space, "Export reports to CSV", "x" * 20_000).body == "x" * 20_000

    error = refused(ValidationError, member, space, body="x" * 20_001)

    assert "body" in error.message_dict


def test_a_problem_of_5000_characters_is_accepted_and_one_more_refused(member, space):
    assert submit_idea(member, space, "Export reports to CSV", SOLUTION, problem="y" * 5_000).problem == "y" * 5_000

    error = refused(ValidationError, member, space, problem="y" * 5_001)

    assert "problem" in error.message_dict


def test_a_category_of_another_space_is_refused(member, space):
    error = refused(ValidationError, member, space, category=CategoryFactory())

    assert "category" in error.message_dict


def test_an_outsider_cannot_post_in_a_private_space(member, private_space):
    refused(PermissionDenied, member, private_space)


def test_a_member_can_post_in_a_private_space(member, private_space):
    MembershipFactory(user=member, space=private_space)

    assert submit_idea(member, private_space, "Export reports to CSV", SOLUTION).space == private_space


def test_an_unverified_address_cannot_post(space):
    refused(PermissionDenied, UserFactory(email_verified=False), space)


def test_an_inactive_account_cannot_post(space):
    refused(PermissionDenied, UserFactory(is_active=False), space)


def test_images_are_stored_re_encoded_under_random_names(member, space, settings):
    idea = submit_idea(
        member, space, "Export reports to CSV", SOLUTION, images=[png("../../etc/passwd.png"), png("x.php.jpg")]
    )

    names = [image.image.name for image in idea.images.all()]
    assert len(names) == 2
    assert all(re.fullmatch(r"ideas/[0-9a-f]{32}\.(jpg|png)", name) for name in names)
    assert len(set(names)) == 2
    for image in idea.images.all():
        assert (image.width, image.height) == (40, 30)
        assert (settings.MEDIA_ROOT / image.image.name).is_file()


def test_five_images_are_accepted_and_six_refused(member, space):
    idea = submit_idea(member, space, "Export reports to CSV", SOLUTION, images=[png() for _ in range(5)])
    assert idea.images.count() == 5

    error = refused(ValidationError, member, space, images=[png() for _ in range(6)])

    assert "images" in error.message_dict


def test_one_bad_image_among_good_ones_saves_nothing(member, space, settings):
    disguised = SimpleUploadedFile("cat.png", b"<html><script>alert(1)</script></html>", content_type="image/png")

    refused(ValidationError, member, space, images=[png(), disguised, png()])

    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_tags_are_trimmed_lower_cased_and_kept_once(member, space):
    idea = submit_idea(member, space, "Dark mode please", SOLUTION, tags=[" Design ", "design", "Mobile"])

    assert sorted(idea.tags.names()) == ["design", "mobile"]


@pytest.mark.parametrize("tags", [["a", "b", "c", "d", "e", "f"], ["x" * 31], [""], ["bad\u200btag"]])
def test_too_many_long_empty_or_invisible_tags_are_refused_and_nothing_saved(member, space, tags):
    before = written_rows()

    with pytest.raises(ValidationError) as refused:
        submit_idea(member, space, "Dark mode please", SOLUTION, tags=tags)

    assert "tags" in refused.value.message_dict
    assert written_rows() == before


def test_a_moderator_posts_for_a_customer_who_becomes_its_author_with_a_proxy_vote(space):
    moderator = MembershipFactory(space=space, role="moderator").user
    customer = UserFactory(email_verified=False)

    idea = submit_idea(moderator, space, "Heard on the phone", SOLUTION, on_behalf_of=customer)

    vote = Vote.objects.get(idea=idea)
    assert (idea.author, vote.user, vote.cast_by) == (customer, customer, moderator)


def test_only_moderators_post_for_someone_else(member, space):
    with pytest.raises(PermissionDenied):
        submit_idea(member, space, "Heard on the phone", SOLUTION, on_behalf_of=UserFactory())

    assert not Idea.objects.exists()


def test_nobody_posts_for_someone_who_cannot_see_the_space(private_space):
    moderator = MembershipFactory(space=private_space, role="moderator").user

    with pytest.raises(ValidationError):
        submit_idea(moderator, private_space, "Heard on the phone", SOLUTION, on_behalf_of=UserFactory())

    assert not Idea.objects.exists()
