"""`manage.py seed_demo`: the demo people exist, can sign in, and reach what their role allows;
the demo spaces hold believable ideas in every status, written the way people would have."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db.models import Count, Q

from community.models import Membership, Notification, Profile, Space, User
from ideas.models import Comment, Follow, Idea, StatusChange, Vote
from portal.devdata.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN_EMAILS = {"admin@example.com", "alice@example.com", "bob@example.com", "carol@example.com"}


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
        "spaces": Space.objects.count(),
        "memberships": Membership.objects.count(),
        "ideas": Idea.objects.count(),
        "votes": Vote.objects.count(),
        "comments": Comment.objects.count(),
        "status changes": StatusChange.objects.count(),
        "follows": Follow.objects.count(),
        "notifications": Notification.objects.count(),
    }


def test_seed_demo_can_run_again_without_duplicating_anything(capsys):
    call_command("seed_demo")
    after_first = demo_counts()
    call_command("seed_demo")
    after_second = demo_counts()

    assert after_first == after_second
    assert after_first["users"] == after_first["profiles"] == after_first["verified addresses"] == 19
    assert after_first["spaces"] == 3
    assert after_first["ideas"] == 26
    assert set(User.objects.values_list("email", flat=True)) >= SIGN_IN_EMAILS
    output = capsys.readouterr().out
    assert "Demo data ready: 19 people, 3 spaces, 26 ideas (26 new), 8 new site pages." in output
    assert "Demo data ready: 19 people, 3 spaces, 26 ideas (0 new), 0 new site pages." in output
    assert any("alice@example.com" in line and DEMO_PASSWORD in line for line in output.splitlines())


@pytest.mark.usefixtures("seeded")
def test_demo_ideas_cover_every_status_with_counts_that_match_their_rows():
    ideas = Idea.objects.annotate(
        voters=Count("votes", distinct=True),
        blockers=Count("votes", filter=Q(votes__importance=Vote.Importance.BLOCKER), distinct=True),
        live_comments=Count("comments", filter=Q(comments__deleted_at=None), distinct=True),
    )

    assert set(ideas.values_list("status", flat=True)) == set(Idea.Status.values)
    for idea in ideas:
        assert idea.vote_count == idea.voters >= 1, idea.title
        assert idea.votes_blocker == idea.blockers, idea.title
        assert idea.comment_count == idea.live_comments, idea.title
    assert Comment.objects.filter(parent__isnull=False).exists(), "some comments have replies"


@pytest.mark.usefixtures("seeded")
def test_carol_answers_officially_and_the_people_following_hear_about_it():
    changes = StatusChange.objects.exclude(to_status=Idea.Status.NEW)
    released = changes.filter(actor__username="admin")  # the changelog entry the editor published

    assert list(released.values_list("idea__title", "to_status")) == [("Custom fields on tasks", "shipped")]
    assert set(changes.exclude(pk__in=released).values_list("actor__username", flat=True)) == {"carol"}
    assert changes.exclude(message="").exists()
    shipped = Idea.objects.get(title="Dark mode for the web app")
    assert list(shipped.status_changes.values_list("to_status", flat=True)) == [
        "under_review",
        "planned",
        "in_progress",
        "shipped",
    ]
    alice = User.objects.get(username="alice")
    assert Notification.objects.filter(recipient=alice, kind=Notification.Kind.STATUS_CHANGE, target_id=shipped.pk)


@pytest.mark.usefixtures("seeded")
def test_the_demo_duplicate_is_merged_into_the_idea_it_repeats():
    duplicate = Idea.objects.get(title="Night theme that is easier on the eyes")

    assert duplicate.status == Idea.Status.DUPLICATE
    assert duplicate.merged_into == Idea.objects.get(title="Dark mode for the web app")


@pytest.mark.usefixtures("seeded")
def test_demo_spaces_and_roles():
    roles = {(m.space.slug, m.user.username): m.role for m in Membership.objects.select_related("space", "user")}

    assert Space.objects.get(slug="product").visibility == Space.Visibility.PUBLIC
    assert Space.objects.get(slug="partners").visibility == Space.Visibility.PRIVATE
    assert Space.objects.get(slug="internal").visibility == Space.Visibility.INTERNAL
    assert roles[("product", "carol")] == Membership.Role.MODERATOR
    assert roles[("partners", "carol")] == Membership.Role.MODERATOR
    assert roles[("partners", "bob")] == Membership.Role.MEMBER
    assert roles[("internal", "carol")] == Membership.Role.OWNER
    assert ("partners", "alice") not in roles
    assert not Idea.objects.filter(space__slug="partners").exclude(author__memberships__space__slug="partners").exists()


@pytest.mark.usefixtures("seeded")
def test_demo_people_have_their_segment():
    segments = dict(Profile.objects.values_list("user__username", "segment"))

    assert {name: segments[name] for name in ("admin", "alice", "bob", "carol")} == {
        "admin": Profile.Segment.EMPLOYEE,
        "alice": Profile.Segment.CUSTOMER,
        "bob": Profile.Segment.PARTNER,
        "carol": Profile.Segment.EMPLOYEE,
    }
    assert segments["dana"] == Profile.Segment.CUSTOMER
    assert segments["kenji"] == Profile.Segment.PARTNER


@pytest.mark.usefixtures("seeded")
def test_the_other_demo_people_cannot_sign_in(client):
    dana = User.objects.get(username="dana")

    assert not dana.has_usable_password()
    response = client.post("/accounts/login/", {"login": "dana@example.com", "password": DEMO_PASSWORD})
    assert response.status_code == 200  # the form again, with an error


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("email", "status"), [("bob@example.com", 200), ("alice@example.com", 404)])
def test_only_partners_read_the_partner_space(signed_in, email, status):
    idea = Idea.objects.get(title="Sandbox accounts that reset every night")

    response = signed_in(email).get(idea.get_absolute_url())

    assert response.status_code == status
    assert (idea.title in response.content.decode()) == (status == 200)


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


@pytest.mark.usefixtures("seeded")
def test_the_demo_has_a_complete_public_site(client):
    """Home, about, FAQ, terms, roadmap, a changelog with two entries and an open campaign, all live;
    the sections are in the home page's menu, and the campaign takes ideas."""
    paths = ["/", "/about/", "/faq/", "/terms-and-privacy/", "/roadmap/", "/changelog/", "/month-end-reporting/"]
    paths += ["/changelog/dark-mode/", "/changelog/custom-fields-slack-sso/"]
    for path in paths:
        assert client.get(path).status_code == 200, path

    home = client.get("/").content.decode()
    for section in ("About this portal", "Frequently asked questions", "Roadmap", "Changelog"):
        assert section in home
    assert "Submit an idea" in client.get("/month-end-reporting/").content.decode()
    assert Idea.objects.get(title="Custom fields on tasks").status == Idea.Status.SHIPPED
