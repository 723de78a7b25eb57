"""Staff manage spaces, memberships and categories in the Wagtail back office."""

import pytest
from django.test import Client

from community.models import Membership, ModerationAction, Profile, Space
from community.selectors import notifications_for
from ideas.models import Category, Follow
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.community.notifying import tell
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_create_a_private_space(admin_client):
    response = admin_client.post(
        "/cms/space/new/",
        {
            "name": "Partner lab",
            "slug": "partner-lab",
            "visibility": "private",
            "description": "",
            "allowed_email_domains": "[]",
            "premoderate_first_posts": "2",
        },
    )
    assert response.status_code == 302
    space = Space.objects.get(slug="partner-lab")
    assert (space.visibility, space.premoderate_first_posts) == (Space.Visibility.PRIVATE, 2)


def test_staff_make_someone_moderator_of_a_space(admin_client):
    space, person = SpaceFactory(), UserFactory()
    response = admin_client.post("/cms/membership/new/", {"space": space.pk, "user": person.pk, "role": "moderator"})
    assert response.status_code == 302
    assert Membership.objects.get(space=space, user=person).role == Membership.Role.MODERATOR


def test_staff_add_a_category_to_a_space(admin_client):
    space = SpaceFactory()
    response = admin_client.post("/cms/categories/new/", {"space": space.pk, "name": "Reporting", "slug": "reporting"})
    assert response.status_code == 302
    assert Category.objects.get(space=space).name == "Reporting"


@pytest.mark.parametrize("path", ["/cms/space/", "/cms/membership/", "/cms/categories/"])
def test_listings_open_for_staff_and_not_for_members(admin_client, client, path):
    assert admin_client.get(path).status_code == 200
    client.force_login(UserFactory())
    assert client.get(path).status_code in {302, 403}


# Spaces and memberships are written by community.services, as on the members page.


def entries(action):
    return ModerationAction.objects.filter(action=action)


def test_creating_a_space_is_logged(admin_client, staff):
    admin_client.post(
        "/cms/space/new/",
        {
            "name": "Partner lab",
            "slug": "partner-lab",
            "visibility": "private",
            "allowed_email_domains": "[]",
            "premoderate_first_posts": "0",
        },
    )
    [entry] = entries(ModerationAction.Action.CREATE)
    assert (entry.actor, entry.space.slug, entry.after["visibility"]) == (staff, "partner-lab", "private")


def test_editing_a_space_logs_what_changed_and_leaves_the_slug_alone(admin_client, staff):
    space = SpaceFactory(slug="lab", name="Lab", visibility="private")
    response = admin_client.post(
        f"/cms/space/edit/{space.pk}/",
        {
            "name": "Partner lab",
            "slug": "renamed",
            "visibility": "private",
            "description": "",
            "allowed_email_domains": "[]",
            "premoderate_first_posts": "0",
            "accent_colour": "",
        },
    )
    assert response.status_code == 302
    space.refresh_from_db()
    assert (space.name, space.slug) == ("Partner lab", "lab")
    [entry] = entries(ModerationAction.Action.EDIT)
    assert (entry.actor, entry.before, entry.after) == (staff, {"name": "Lab"}, {"name": "Partner lab"})


def test_making_a_space_internal_makes_its_members_employees(admin_client):
    space = SpaceFactory(visibility="private")
    person = MembershipFactory(space=space).user
    admin_client.post(
        f"/cms/space/edit/{space.pk}/",
        {
            "name": space.name,
            "visibility": "internal",
            "description": "",
            "allowed_email_domains": "[]",
            "premoderate_first_posts": "0",
            "accent_colour": "",
        },
    )
    assert Profile.objects.get(user=person).segment == Profile.Segment.EMPLOYEE


def test_adding_a_member_is_logged_and_sets_their_segment(admin_client, staff):
    space, person = SpaceFactory(visibility="private"), UserFactory()
    admin_client.post("/cms/membership/new/", {"space": space.pk, "user": person.pk, "role": "member"})
    [entry] = entries(ModerationAction.Action.ADD_MEMBER)
    assert (entry.actor, entry.subject, entry.after["role"]) == (staff, person, "member")
    assert Profile.objects.get(user=person).segment == Profile.Segment.PARTNER


def test_changing_a_role_is_logged_and_cannot_move_the_membership(admin_client, staff):
    membership = MembershipFactory(role="member")
    space, elsewhere = membership.space, SpaceFactory()
    response = admin_client.post(f"/cms/membership/edit/{membership.pk}/", {"role": "moderator", "space": elsewhere.pk})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.space) == ("moderator", space)
    [entry] = entries(ModerationAction.Action.CHANGE_ROLE)
    assert (entry.actor, entry.before, entry.after) == (staff, {"role": "member"}, {"role": "moderator"})


def test_the_last_owner_cannot_be_demoted_in_the_back_office(admin_client):
    membership = MembershipFactory(role="owner")
    response = admin_client.post(f"/cms/membership/edit/{membership.pk}/", {"role": "member"})
    assert response.status_code == 200
    assert "last owner cannot be demoted" in response.content.decode()
    assert f"{membership.space} (owner)" in response.content.decode()  # the title, as it still is
    membership.refresh_from_db()
    assert membership.role == "owner"


def test_the_last_owner_cannot_be_removed_in_the_back_office(admin_client):
    membership = MembershipFactory(role="owner")
    response = admin_client.post(f"/cms/membership/delete/{membership.pk}/", follow=True)
    assert "last owner cannot be removed" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not entries(ModerationAction.Action.REMOVE_MEMBER).exists()


def test_removing_a_member_in_the_back_office_ends_their_follows_and_notifications_at_once(admin_client, staff):
    space = SpaceFactory(visibility="private")
    MembershipFactory(space=space, role="owner")
    partner = MembershipFactory(space=space).user
    idea = IdeaFactory(space=space)
    Follow.objects.create(idea=idea, user=partner)
    notification = tell(partner, idea)
    browser = Client()
    browser.force_login(partner)
    assert browser.get(idea.get_absolute_url()).status_code == 200
    assert idea.title in browser.get("/notifications/").content.decode()
    membership = Membership.objects.get(space=space, user=partner)

    response = admin_client.post(f"/cms/membership/delete/{membership.pk}/")

    assert response.status_code == 302
    assert not Follow.objects.filter(user=partner).exists()
    assert notification not in notifications_for(partner)
    assert idea.title not in browser.get("/notifications/").content.decode()
    assert browser.get(idea.get_absolute_url()).status_code == 404
    [entry] = entries(ModerationAction.Action.REMOVE_MEMBER)
    assert (entry.actor, entry.subject, entry.before["role"]) == (staff, partner, "member")
    assert Profile.objects.get(user=partner).segment == Profile.Segment.CUSTOMER


def test_deleting_an_empty_space_is_logged(admin_client, staff):
    space = SpaceFactory()
    member = MembershipFactory(space=space).user
    assert admin_client.post(f"/cms/space/delete/{space.pk}/").status_code == 302
    assert not Space.objects.filter(pk=space.pk).exists()
    assert entries(ModerationAction.Action.DELETE).get().actor == staff
    assert entries(ModerationAction.Action.REMOVE_MEMBER).get().subject == member


def test_a_space_with_ideas_is_not_deleted(admin_client):
    space = IdeaFactory().space
    response = admin_client.post(f"/cms/space/delete/{space.pk}/", follow=True)
    assert Space.objects.filter(pk=space.pk).exists()
    assert "still holds ideas" in response.content.decode()
