"""Spaces and memberships written through community.services: who may, what each logs, and the
portal as the actor of what follows an e-mail domain or SSO group."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community import services
from community.models import Membership, ModerationAction, Profile, Space
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db

Action = ModerationAction.Action


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


@pytest.fixture
def partner(space):
    return MembershipFactory(space=space).user


def logged(action):
    return ModerationAction.objects.filter(action=action)


def test_staff_create_a_space_and_it_is_logged(staff):
    space = services.create_space(staff, name="Lab", slug="lab", visibility=Space.Visibility.PRIVATE)
    assert Space.objects.get(slug="lab") == space
    assert logged(Action.CREATE).get().after["visibility"] == "private"


def test_only_staff_create_spaces(owner):
    with pytest.raises(PermissionDenied):
        services.create_space(owner, name="Lab", slug="lab", visibility=Space.Visibility.PUBLIC)
    assert not Space.objects.filter(slug="lab").exists()
    assert logged(Action.REFUSED).get().actor == owner


def test_a_new_space_is_checked_like_the_form_would(staff):
    with pytest.raises(ValidationError) as error:
        services.create_space(staff, name="Lab", slug="lab", visibility="public", accent_colour="red")
    assert "accent_colour" in error.value.message_dict


def test_an_owner_edits_their_space_and_the_change_is_logged(owner, space):
    services.update_space(owner, space, name="Partners", premoderate_first_posts=2)
    space.refresh_from_db()
    assert (space.name, space.premoderate_first_posts) == ("Partners", 2)
    entry = logged(Action.EDIT).get()
    assert (entry.actor, entry.before, entry.after) == (
        owner,
        {"name": "Partner Programme", "premoderate_first_posts": 0},
        {"name": "Partners", "premoderate_first_posts": 2},
    )


def test_an_update_names_the_fields_it_may_touch(owner, space):
    with pytest.raises(ValidationError, match="slug"):
        services.update_space(owner, space, slug="elsewhere")
    space.refresh_from_db()
    assert space.slug == "partners"


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_members_and_moderators_do_not_edit_the_space(space, role):
    actor = MembershipFactory(space=space, role=role).user
    with pytest.raises(PermissionDenied):
        services.update_space(actor, space, visibility="public")
    space.refresh_from_db()
    assert space.visibility == "private"
    assert logged(Action.REFUSED).get().actor == actor


def test_taking_a_domain_off_a_space_ends_the_memberships_it_brought(staff):
    internal = SpaceFactory(visibility="internal", allowed_email_domains=["acme.com"])
    sam = UserFactory(email="sam@acme.com")
    services.join_spaces_by_domain(sam)
    assert Profile.objects.get(user=sam).segment == Profile.Segment.EMPLOYEE

    services.update_space(staff, internal, allowed_email_domains=[])

    assert not Membership.objects.filter(user=sam).exists()
    assert Profile.objects.get(user=sam).segment == Profile.Segment.CUSTOMER
    assert logged(Action.REMOVE_MEMBER).get().actor is None


def test_an_owner_adds_a_member_and_it_is_logged(owner, space):
    person = UserFactory()
    membership = services.add_member(owner, space, person, role=Membership.Role.MODERATOR)
    assert (membership.role, membership.source) == ("moderator", "added")
    entry = logged(Action.ADD_MEMBER).get()
    assert (entry.actor, entry.subject, entry.space, entry.after["role"]) == (owner, person, space, "moderator")
    assert Profile.objects.get(user=person).segment == Profile.Segment.PARTNER


def test_a_member_is_not_added_twice(owner, space, partner):
    with pytest.raises(ValidationError, match="already a member"):
        services.add_member(owner, space, partner, role="owner")
    assert Membership.objects.get(space=space, user=partner).role == "member"


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_members_and_moderators_do_not_add_members(space, role):
    actor = MembershipFactory(space=space, role=role).user
    with pytest.raises(PermissionDenied):
        services.add_member(actor, space, UserFactory())
    assert logged(Action.REFUSED).get().after == {"tried": "add_member"}


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_members_and_moderators_do_not_change_roles_and_are_logged_trying(space, partner, role):
    actor = MembershipFactory(space=space, role=role).user
    with pytest.raises(PermissionDenied):
        services.change_role(actor, space, partner, "owner")
    assert Membership.objects.get(space=space, user=partner).role == "member"
    assert logged(Action.REFUSED).get().after == {"tried": "change_role"}


def test_staff_change_roles_and_it_is_logged(staff, space, partner):
    services.change_role(staff, space, partner, "moderator")
    entry = logged(Action.CHANGE_ROLE).get()
    assert (entry.actor, entry.subject, entry.before, entry.after) == (
        staff,
        partner,
        {"role": "member"},
        {"role": "moderator"},
    )


def test_a_role_given_again_changes_and_logs_nothing(owner, space, partner):
    services.change_role(owner, space, partner, "member")
    assert not logged(Action.CHANGE_ROLE).exists()


def test_removing_a_member_is_logged(owner, space, partner):
    services.remove_member(owner, space, partner)
    entry = logged(Action.REMOVE_MEMBER).get()
    assert (entry.actor, entry.subject, entry.before) == (owner, partner, {"role": "member", "source": "added"})


def test_a_refused_removal_of_the_last_owner_logs_nothing(staff, space, owner):
    with pytest.raises(ValidationError, match="last owner"):
        services.remove_member(staff, space, owner)
    assert not ModerationAction.objects.exists()


def test_deleting_a_space_takes_its_members_out(staff, space, owner, partner):
    services.delete_space(staff, space)
    assert not Space.objects.filter(slug="partners").exists()
    assert set(logged(Action.REMOVE_MEMBER).values_list("subject", flat=True)) == {owner.pk, partner.pk}
    assert Profile.objects.get(user=partner).segment == Profile.Segment.CUSTOMER


def test_the_portal_is_the_actor_of_sso_memberships(settings):
    settings.SSO_GROUP_SPACES = {"eng": {"space": "eng", "role": "moderator"}, "all": "eng"}
    SpaceFactory(slug="eng", visibility="internal")
    sam = UserFactory()

    services.sync_sso_groups(sam, ["all"], provider="acme")
    services.sync_sso_groups(sam, ["eng"], provider="acme")
    services.sync_sso_groups(sam, [], provider="acme")

    actions = ModerationAction.objects.order_by("pk").values_list("action", "actor", "subject")
    assert list(actions) == [
        (Action.ADD_MEMBER, None, sam.pk),
        (Action.CHANGE_ROLE, None, sam.pk),
        (Action.REMOVE_MEMBER, None, sam.pk),
    ]


def test_the_portal_is_the_actor_of_domain_memberships():
    SpaceFactory(visibility="internal", allowed_email_domains=["acme.com"])
    sam = UserFactory(email="sam@acme.com")
    services.join_spaces_by_domain(sam)
    entry = logged(Action.ADD_MEMBER).get()
    assert (entry.actor, entry.subject, entry.after) == (None, sam, {"role": "member", "source": "domain"})
