"""`manage.py seed_demo`: the demo people exist, can sign in, and reach what their role allows."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from community.models import Profile, User
from portal.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

DEMO_EMAILS = {"admin@example.com", "alice@example.com", "bob@example.com", "carol@example.com"}


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def signed_in(client):
    """Sign a demo person in by their e-mail, the way they would: through the login page."""

    def sign_in(email):
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, f"{email} could not sign in"
        return client

    return sign_in


def demo_counts():
    return {
        "users": User.objects.count(),
        "profiles": Profile.objects.count(),
        "verified addresses": EmailAddress.objects.filter(verified=True, primary=True).count(),
    }


def test_seed_demo_can_run_again_without_duplicating_anyone(capsys):
    call_command("seed_demo")
    after_first = demo_counts()
    call_command("seed_demo")
    after_second = demo_counts()

    assert after_first == after_second == {"users": 4, "profiles": 4, "verified addresses": 4}
    assert set(User.objects.values_list("email", flat=True)) == DEMO_EMAILS
    output = capsys.readouterr().out
    assert "Demo data ready: 4 people." in output
    assert any("alice@example.com" in line and DEMO_PASSWORD in line for line in output.splitlines())


@pytest.mark.usefixtures("seeded")
def test_demo_people_have_their_segment():
    segments = dict(Profile.objects.values_list("user__username", "segment"))

    assert segments == {
        "admin": Profile.Segment.EMPLOYEE,
        "alice": Profile.Segment.CUSTOMER,
        "bob": Profile.Segment.PARTNER,
        "carol": Profile.Segment.EMPLOYEE,
    }


@pytest.mark.usefixtures("seeded")
def test_alice_signs_in_by_email_with_the_published_demo_password(client):
    response = client.post("/accounts/login/", {"login": "alice@example.com", "password": DEMO_PASSWORD}, follow=True)

    assert response.redirect_chain[-1] == ("/accounts/profile/", 302)
    assert response.status_code == 200
    assert response.wsgi_request.user.username == "alice"
    assert "Alice Customer" in response.content.decode()


@pytest.mark.usefixtures("seeded")
def test_admin_is_staff_and_opens_the_wagtail_admin(signed_in):
    admin = User.objects.get(username="admin")
    assert admin.is_staff
    assert admin.is_superuser

    response = signed_in("admin@example.com").get("/cms/")

    assert response.status_code == 200


@pytest.mark.usefixtures("seeded")
def test_carol_moderates_in_the_wagtail_admin_without_being_staff(signed_in):
    carol = User.objects.get(username="carol")
    assert not carol.is_staff
    assert not carol.is_superuser
    assert list(carol.groups.values_list("name", flat=True)) == ["Moderators"]

    response = signed_in("carol@example.com").get("/cms/")

    assert response.status_code == 200


@pytest.mark.usefixtures("seeded")
def test_alice_is_turned_away_from_the_wagtail_admin(signed_in):
    response = signed_in("alice@example.com").get("/cms/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
