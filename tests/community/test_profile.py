"""The profile page: the name other people see, changed only by its owner and only to plain text."""

import pytest
from django.urls import reverse

from community.models import Profile, User

pytestmark = pytest.mark.django_db

PROFILE = reverse("community:profile")
HIDDEN_CHARACTERS = "Remove invisible or control characters (such as direction overrides or zero-width spaces)."


def display_name_errors(response) -> list[str]:
    return response.context["form"].errors["display_name"]


def test_a_visitor_is_sent_to_sign_in_and_back(client):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={PROFILE}"


def test_a_visitor_cannot_change_anyones_name(client, member):
    response = client.post(PROFILE, {"display_name": "Hijacked"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    member.profile.refresh_from_db()
    assert member.profile.display_name != "Hijacked"


def test_the_page_shows_the_members_display_name(client, member):
    client.force_login(member)

    response = client.get(PROFILE)

    assert response.status_code == 200
    assert f'value="{member.profile.display_name}"' in response.content.decode()
    assert member.email in response.content.decode()


def test_saving_changes_the_display_name(client, member):
    client.force_login(member)

    response = client.post(PROFILE, {"display_name": "  Zoë 🚀  "}, follow=True)

    assert response.redirect_chain == [(PROFILE, 302)]
    assert "Your profile is saved." in response.content.decode()
    assert 'value="Zoë 🚀"' in response.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.display_name == "Zoë 🚀"


def test_markup_in_a_display_name_is_shown_as_text(client, member):
    client.force_login(member)

    response = client.post(PROFILE, {"display_name": '<script>alert("x")</script>'}, follow=True)

    member.profile.refresh_from_db()
    assert member.profile.display_name == '<script>alert("x")</script>'
    assert '<script>alert("x")</script>' not in response.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in response.content.decode()


def test_a_request_cannot_change_the_segment_alongside_the_name(client, member):
    client.force_login(member)

    client.post(PROFILE, {"display_name": "Zoë", "segment": Profile.Segment.EMPLOYEE, "user": "1"})

    member.profile.refresh_from_db()
    assert member.profile.display_name == "Zoë"
    assert member.profile.segment == Profile.Segment.CUSTOMER
    assert member.profile.user_id == member.pk


def test_eighty_characters_is_the_longest_name_accepted(client, member):
    client.force_login(member)

    response = client.post(PROFILE, {"display_name": "x" * 80})

    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.display_name == "x" * 80


@pytest.mark.parametrize(
    ("display_name", "error"),
    [
        pytest.param("", "This field is required.", id="empty"),
        pytest.param("   ", "This field is required.", id="only-spaces"),
        pytest.param("x" * 81, "Ensure this value has at most 80 characters (it has 81).", id="too-long"),
        pytest.param("Zoë\x00", HIDDEN_CHARACTERS, id="null-character"),
        pytest.param("Zoë\nExample", HIDDEN_CHARACTERS, id="line-break"),
        pytest.param("Zoë\u202eelpmaxE", HIDDEN_CHARACTERS, id="right-to-left-override"),
        pytest.param("Zoë\u200b", HIDDEN_CHARACTERS, id="zero-width-space"),
    ],
)
def test_an_invalid_name_is_shown_again_with_the_reason_and_nothing_changes(client, member, display_name, error):
    before = member.profile.display_name
    client.force_login(member)

    response = client.post(PROFILE, {"display_name": display_name})

    assert response.status_code == 200
    assert error in display_name_errors(response)
    assert 'aria-invalid="true"' in response.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.display_name == before


def test_a_post_without_the_field_is_refused_with_a_reason(client, member):
    before = member.profile.display_name
    client.force_login(member)

    response = client.post(PROFILE, {})

    assert response.status_code == 200
    assert display_name_errors(response) == ["This field is required."]
    member.profile.refresh_from_db()
    assert member.profile.display_name == before


def test_an_account_made_without_a_profile_can_open_the_page_and_saving_creates_it(client):
    user = User.objects.create_user(username="made-in-shell", email="shell@example.com", password="irrelevant-9x")
    client.force_login(user)

    page = client.get(PROFILE)

    assert page.status_code == 200
    assert 'value="made-in-shell"' in page.content.decode()
    assert not Profile.objects.filter(user=user).exists()

    response = client.post(PROFILE, {"display_name": "Made In Shell"})

    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.display_name == "Made In Shell"
    assert profile.segment == Profile.Segment.CUSTOMER
