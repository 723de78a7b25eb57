"""Accounts for people whose ideas arrive through support or an integration."""

import pytest
from allauth.account.models import EmailAddress

from community.models import User
from community.services import account_for_email
from tests.community.factories import UserFactory

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
