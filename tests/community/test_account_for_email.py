"""Accounts for people whose ideas arrive through support or an integration, and who may ask for them."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Membership, User
from community.services import account_for_email, account_to_act_for
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_known_address_gives_its_account_whatever_the_case(member):
    assert account_for_email(f"  {member.email.upper()} ") == member


def test_a_secondary_address_gives_its_account(member):
    EmailAddress.objects.create(user=member, email="work@acme.example", verified=True)

    assert account_for_email("work@acme.example") == member


def test_an_unknown_address_gets_an_unverified_account_without_a_password_that_leaks_nothing():
    user = account_for_email("Jane.Doe@Customer.example")

    assert user.email == "jane.doe@customer.example"
    assert not user.has_usable_password()
    assert not EmailAddress.objects.get(user=user).verified
    assert "jane" not in (user.username + user.display_name).lower()


def test_asking_twice_makes_one_account():
    account_for_email("twice@example.org")
    account_for_email("twice@example.org")

    assert User.objects.filter(email="twice@example.org").count() == 1


def test_an_existing_staff_account_keeps_its_rights():
    staff = UserFactory(is_staff=True)

    assert account_for_email(staff.email).is_staff


def test_acting_for_someone_needs_a_moderator_before_any_account_is_looked_up_or_made(member):
    space = SpaceFactory()

    with CaptureQueriesContext(connection) as queries, pytest.raises(PermissionDenied):
        account_to_act_for(member, space, "new@example.org", create=True)

    assert not [query for query in queries.captured_queries if "new@example.org" in query["sql"]]
    assert not User.objects.filter(email="new@example.org").exists()


def test_an_unknown_address_is_refused_unless_an_account_is_asked_for():
    moderator = MembershipFactory(role=Membership.Role.MODERATOR)

    with pytest.raises(ValidationError) as refusal:
        account_to_act_for(moderator.user, moderator.space, "new@example.org", field="on_behalf_of")

    assert refusal.value.message_dict["on_behalf_of"][0].startswith("No one has an account with this e-mail")
    assert not User.objects.filter(email="new@example.org").exists()
    created = account_to_act_for(moderator.user, moderator.space, "New@Example.org", create=True)
    assert created.email == "new@example.org"
    assert account_to_act_for(moderator.user, moderator.space, "new@example.org") == created
