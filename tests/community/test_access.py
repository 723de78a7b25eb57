"""The access rule, asked directly: who sees which space, who may contribute and moderate,
and who hears about what happens there."""

import pytest
from django.contrib.auth.models import AnonymousUser

from community import access
from community.models import Membership, Space, User
from ideas.models import Idea
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces():
    return {
        "public": SpaceFactory(slug="open", visibility=Space.Visibility.PUBLIC),
        "private": SpaceFactory(slug="partners", visibility=Space.Visibility.PRIVATE),
        "internal": SpaceFactory(slug="staff-only", visibility=Space.Visibility.INTERNAL),
    }


def joined(spaces, role=Membership.Role.MEMBER, **user_fields) -> User:
    """A user who belongs, with `role`, to every space (a password is not needed here)."""
    user = UserFactory(password=None, **user_fields)
    for space in spaces.values():
        MembershipFactory(user=user, space=space, role=role)
    return user


def people(spaces) -> dict[str, User]:
    return {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(password=None),
        "member": joined(spaces),
        "moderator": joined(spaces, Membership.Role.MODERATOR),
        "owner": joined(spaces, Membership.Role.OWNER),
        "staff": UserFactory(password=None, is_staff=True),
        "inactive member": joined(spaces, is_active=False),
        "inactive staff": UserFactory(password=None, is_staff=True, is_active=False),
        "unverified member": joined(spaces, email_verified=False),
    }


SEES_EVERYTHING = {"public", "private", "internal"}
VISIBLE = {
    "anonymous": {"public"},
    "outsider": {"public"},
    "member": SEES_EVERYTHING,
    "moderator": SEES_EVERYTHING,
    "owner": SEES_EVERYTHING,
    "staff": SEES_EVERYTHING,
    "inactive member": {"public"},
    "inactive staff": {"public"},
    "unverified member": SEES_EVERYTHING,
}
CONTRIBUTES = {
    "anonymous": set(),
    "outsider": {"public"},
    "member": SEES_EVERYTHING,
    "moderator": SEES_EVERYTHING,
    "owner": SEES_EVERYTHING,
    "staff": SEES_EVERYTHING,
    "inactive member": set(),
    "inactive staff": set(),
    "unverified member": set(),
}
MODERATES = {
    "anonymous": set(),
    "outsider": set(),
    "member": set(),
    "moderator": SEES_EVERYTHING,
    "owner": SEES_EVERYTHING,
    "staff": SEES_EVERYTHING,
    "inactive member": set(),
    "inactive staff": set(),
    "unverified member": set(),
}


def slugs_of(queryset, spaces) -> set[str]:
    names = {space.pk: name for name, space in spaces.items()}
    return {names[pk] for pk in queryset.values_list("pk", flat=True)}


@pytest.mark.parametrize("who", VISIBLE)
def test_visible_spaces_are_public_ones_own_ones_or_all_for_staff(spaces, who):
    user = people(spaces)[who]

    assert slugs_of(access.visible_spaces(user), spaces) == VISIBLE[who]
    assert {name for name, space in spaces.items() if access.can_view(user, space)} == VISIBLE[who]


@pytest.mark.parametrize("who", CONTRIBUTES)
def test_contributing_needs_an_active_account_a_verified_address_and_sight_of_the_space(spaces, who):
    user = people(spaces)[who]

    assert {name for name, space in spaces.items() if access.can_contribute(user, space)} == CONTRIBUTES[who]


@pytest.mark.parametrize("who", MODERATES)
def test_moderators_and_owners_moderate_their_spaces_staff_every_space(spaces, who):
    user = people(spaces)[who]

    assert slugs_of(access.moderated_spaces(user), spaces) == MODERATES[who]
    assert {name for name, space in spaces.items() if access.can_moderate(user, space)} == MODERATES[who]


def test_a_moderator_of_one_private_space_sees_and_moderates_nothing_in_another(spaces):
    other = SpaceFactory(visibility=Space.Visibility.PRIVATE)
    moderator = joined(spaces, Membership.Role.MODERATOR)
    assert access.can_moderate(moderator, spaces["private"])

    assert not access.can_view(moderator, other)
    assert not access.can_moderate(moderator, other)


def test_an_idea_is_seen_exactly_where_its_space_is(spaces):
    everyone = people(spaces)
    for name, space in spaces.items():
        idea = Idea(space=space, title="Export to CSV")
        seen_by = {who for who, user in everyone.items() if access.can_view(user, idea)}
        assert seen_by == {who for who in everyone if name in VISIBLE[who]}


@pytest.mark.parametrize("visibility", [Space.Visibility.PUBLIC, Space.Visibility.PRIVATE])
def test_a_hidden_idea_is_seen_only_by_its_author_the_moderators_and_staff(spaces, visibility):
    space = spaces["public" if visibility == Space.Visibility.PUBLIC else "private"]
    everyone = people(spaces)
    author = UserFactory(password=None)
    MembershipFactory(user=author, space=space)
    hidden = Idea(space=space, author=author, title="Export to CSV", hidden=True)

    seen_by = {who for who, user in everyone.items() if access.can_view(user, hidden)}

    assert seen_by == {"moderator", "owner", "staff"}
    assert access.can_view(author, hidden)


def test_a_hidden_idea_whose_author_left_is_not_shown_to_visitors(spaces):
    hidden = Idea(space=spaces["public"], author=None, title="Export to CSV", hidden=True)

    assert not access.can_view(AnonymousUser(), hidden)


def test_losing_a_membership_takes_effect_at_once(spaces):
    member = joined(spaces)
    assert access.can_view(member, spaces["private"])

    Membership.objects.filter(user=member, space=spaces["private"]).delete()

    assert not access.can_view(member, spaces["private"])
    assert not access.can_contribute(member, spaces["private"])


def test_the_audience_of_a_private_space_is_its_active_members_and_staff(spaces):
    everyone = people(spaces)
    signed_in = User.objects.filter(pk__in=[user.pk for user in everyone.values() if user.pk])

    audience = set(access.audience(spaces["private"], signed_in))

    assert audience == {everyone[who] for who in ("member", "moderator", "owner", "staff", "unverified member")}


def test_the_audience_of_a_public_space_is_every_active_account(spaces):
    everyone = people(spaces)
    signed_in = User.objects.filter(pk__in=[user.pk for user in everyone.values() if user.pk])

    audience = set(access.audience(spaces["public"], signed_in))

    assert audience == {user for user in everyone.values() if user.pk and user.is_active}


def test_the_audience_of_a_hidden_idea_is_its_author_the_moderators_and_staff(spaces):
    everyone = people(spaces)
    author = joined(spaces)
    signed_in = User.objects.filter(pk__in=[user.pk for user in [*everyone.values(), author] if user.pk])
    idea = Idea(space=spaces["private"], author=author, title="Export to CSV", hidden=True)

    assert set(access.audience_of(idea, signed_in)) == {
        author,
        *(everyone[who] for who in ("moderator", "owner", "staff")),
    }

    idea.hidden = False
    assert set(access.audience_of(idea, signed_in)) == set(access.audience(spaces["private"], signed_in))
