"""Owners and staff change roles and remove members; members leave; a space keeps an owner."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from api.services import create_api_token
from community import services
from community.models import Membership
from ideas.models import Follow
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(space):
    return MembershipFactory(space=space, role="member").user


def role_of(user, space):
    return Membership.objects.get(user=user, space=space).role


def test_an_owner_makes_a_member_moderator_and_back(owner, partner, space):
    services.change_role(owner, space, partner, "moderator")
    assert role_of(partner, space) == "moderator"

    services.change_role(owner, space, partner, "member")
    assert role_of(partner, space) == "member"


def test_staff_change_roles_without_being_members(partner, space):
    services.change_role(UserFactory(is_staff=True), space, partner, "owner")

    assert role_of(partner, space) == "owner"


def test_the_last_owner_cannot_be_demoted_but_one_of_two_can(owner, partner, space):
    with pytest.raises(ValidationError, match="last owner"):
        services.change_role(owner, space, owner, "member")
    assert role_of(owner, space) == "owner"

    services.change_role(owner, space, partner, "owner")
    services.change_role(partner, space, owner, "moderator")
    assert (role_of(owner, space), role_of(partner, space)) == ("moderator", "owner")


def test_changing_the_role_of_someone_outside_the_space_is_refused(owner, space):
    with pytest.raises(ValidationError, match="not a member"):
        services.change_role(owner, space, UserFactory(), "member")
    assert not Membership.objects.filter(space=space, role="member").exists()


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_members_and_moderators_cannot_change_roles_or_remove(space, partner, role):
    actor = MembershipFactory(space=space, role=role).user

    with pytest.raises(PermissionDenied):
        services.change_role(actor, space, partner, "owner")
    with pytest.raises(PermissionDenied):
        services.remove_member(actor, space, partner)
    assert role_of(partner, space) == "member"


def test_an_owner_of_another_space_cannot_manage_this_one(space, partner):
    elsewhere = MembershipFactory(space=SpaceFactory(visibility="private"), role="owner").user

    with pytest.raises(PermissionDenied):
        services.remove_member(elsewhere, space, partner)
    with pytest.raises(PermissionDenied):
        services.change_role(elsewhere, space, partner, "moderator")
    assert role_of(partner, space) == "member"


def test_an_inactive_owner_manages_nothing(owner, partner, space):
    owner.is_active = False
    owner.save()

    with pytest.raises(PermissionDenied):
        services.remove_member(owner, space, partner)


def test_a_removed_member_loses_the_space_on_their_next_request_and_through_their_api_token(
    owner, partner, space, password
):
    idea = IdeaFactory(space=space)
    other = IdeaFactory(space=SpaceFactory(visibility="public"))
    Follow.objects.create(idea=idea, user=partner)
    Follow.objects.create(idea=other, user=partner)
    _token, key = create_api_token(partner, partner, name="Script")
    browser = Client()
    browser.force_login(partner)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert browser.get(idea.get_absolute_url()).status_code == 200
    assert api.get(f"/api/v1/ideas/{idea.pk}/").status_code == 200

    services.remove_member(owner, space, partner)

    assert browser.get(idea.get_absolute_url()).status_code == 404
    assert api.get(f"/api/v1/ideas/{idea.pk}/").status_code == 404
    assert list(Follow.objects.filter(user=partner).values_list("idea", flat=True)) == [other.pk]


def test_the_last_owner_cannot_be_removed(owner, space):
    with pytest.raises(ValidationError, match="last owner"):
        services.remove_member(UserFactory(is_staff=True), space, owner)
    assert role_of(owner, space) == "owner"


def test_a_member_leaves_and_no_longer_sees_the_space(partner, space):
    idea = IdeaFactory(space=space)
    Follow.objects.create(idea=idea, user=partner)

    services.leave_space(partner, space)

    assert not Membership.objects.filter(user=partner, space=space).exists()
    assert not Follow.objects.filter(user=partner).exists()
    browser = Client()
    browser.force_login(partner)
    assert browser.get(idea.get_absolute_url()).status_code == 404


def test_the_last_owner_cannot_leave_but_one_of_two_can(owner, partner, space):
    with pytest.raises(ValidationError, match="last owner"):
        services.leave_space(owner, space)

    services.change_role(owner, space, partner, "owner")
    services.leave_space(owner, space)
    assert list(space.memberships.values_list("user", "role")) == [(partner.pk, "owner")]


def test_leaving_a_space_one_is_not_in_is_refused(space):
    with pytest.raises(ValidationError, match="not a member"):
        services.leave_space(UserFactory(), space)
