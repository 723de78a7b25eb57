"""Internal spaces open to verified addresses on their e-mail domains, and closed again when the address goes."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from community import services
from community.models import Membership, Profile, Space
from ideas.models import Vote
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.community.journeys import mails_to, only_link_in
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

WORK_ADDRESS = "sam@acme.com"


@pytest.fixture
def internal():
    return SpaceFactory(slug="acme-internal", visibility=Space.Visibility.INTERNAL, allowed_email_domains=["acme.com"])


@pytest.fixture
def internal_idea(internal):
    return IdeaFactory(space=internal)


@pytest.fixture
def sam(client, password):
    """A customer, signed in, whose account started with a private address."""
    user = UserFactory(username="sam", email="sam@home.example", password=password)
    client.force_login(user)
    return user


def add_address(client, email):
    response = client.post(reverse("account_email"), {"action_add": "", "email": email})
    assert response.status_code == 302


def confirm_from_mail(client, email):
    """Open the confirmation link of the e-mail sent to `email` and press its button."""
    (message,) = mails_to(email)
    response = client.post(only_link_in(message, "/accounts/confirm-email/"))
    assert response.status_code == 302


def remove_address(client, email):
    response = client.post(reverse("account_email"), {"action_remove": "", "email": email})
    assert response.status_code == 302


def segment_of(user) -> str:
    return Profile.objects.get(user=user).segment


def vote_segment(client, idea) -> str:
    client.post(reverse("ideas:vote", kwargs={"pk": idea.pk}), {"action": "vote"})
    return Vote.objects.get(idea=idea).segment


def test_confirming_an_address_on_the_domain_joins_the_internal_space(client, sam, internal, internal_idea):
    add_address(client, WORK_ADDRESS)
    assert client.get(internal_idea.get_absolute_url()).status_code == 404

    confirm_from_mail(client, WORK_ADDRESS)

    membership = Membership.objects.get(user=sam, space=internal)
    assert (membership.source, membership.role) == (Membership.Source.DOMAIN, Membership.Role.MEMBER)
    assert client.get(internal_idea.get_absolute_url()).status_code == 200
    assert segment_of(sam) == Profile.Segment.EMPLOYEE
    assert vote_segment(client, IdeaFactory()) == Profile.Segment.EMPLOYEE


def test_an_unconfirmed_address_on_the_domain_opens_nothing(client, sam, internal, internal_idea):
    add_address(client, WORK_ADDRESS)

    assert services.join_spaces_by_domain(sam) == []
    assert not Membership.objects.filter(user=sam).exists()
    assert client.get(internal_idea.get_absolute_url()).status_code == 404
    assert segment_of(sam) == Profile.Segment.CUSTOMER


@pytest.mark.parametrize(
    "address", ["sam@evil-acme.com", "sam@mail.acme.com", "sam@acme.com.evil.example", "acme.com@evil.example"]
)
def test_look_alike_and_sub_domains_open_nothing(sam, internal, address):
    EmailAddress.objects.create(user=sam, email=address, verified=True)

    assert services.join_spaces_by_domain(sam) == []
    assert segment_of(sam) == Profile.Segment.CUSTOMER


def test_domains_match_whatever_their_case_and_with_or_without_at(sam):
    space = SpaceFactory(visibility=Space.Visibility.INTERNAL, allowed_email_domains=["@ACME.com"])
    EmailAddress.objects.create(user=sam, email="Sam@Acme.COM", verified=True)

    (membership,) = services.join_spaces_by_domain(sam)

    assert membership.space == space


def test_only_internal_spaces_open_by_domain(sam):
    SpaceFactory(visibility=Space.Visibility.PRIVATE, allowed_email_domains=["acme.com"])
    EmailAddress.objects.create(user=sam, email=WORK_ADDRESS, verified=True)

    assert services.join_spaces_by_domain(sam) == []


def test_removing_the_address_closes_the_space_but_keeps_invitations(client, sam, internal, internal_idea):
    partners = SpaceFactory(slug="partners", visibility=Space.Visibility.PRIVATE)
    partner_idea = IdeaFactory(space=partners)
    MembershipFactory(user=sam, space=partners, source=Membership.Source.INVITATION)
    add_address(client, WORK_ADDRESS)
    confirm_from_mail(client, WORK_ADDRESS)
    assert client.get(internal_idea.get_absolute_url()).status_code == 200

    remove_address(client, WORK_ADDRESS)

    assert client.get(internal_idea.get_absolute_url()).status_code == 404
    assert client.get(partner_idea.get_absolute_url()).status_code == 200
    assert list(Membership.objects.filter(user=sam).values_list("space__slug", "source")) == [
        ("partners", Membership.Source.INVITATION)
    ]
    assert segment_of(sam) == Profile.Segment.PARTNER
    assert vote_segment(client, IdeaFactory()) == Profile.Segment.PARTNER


def test_an_invitation_into_the_internal_space_outlives_the_address(client, sam, internal, internal_idea):
    MembershipFactory(user=sam, space=internal, source=Membership.Source.INVITATION)
    EmailAddress.objects.create(user=sam, email=WORK_ADDRESS, verified=True)

    remove_address(client, WORK_ADDRESS)

    assert Membership.objects.get(user=sam, space=internal).source == Membership.Source.INVITATION
    assert client.get(internal_idea.get_absolute_url()).status_code == 200
    assert segment_of(sam) == Profile.Segment.EMPLOYEE


def test_a_domain_taken_off_the_space_closes_it_at_the_next_check(sam, internal):
    EmailAddress.objects.create(user=sam, email=WORK_ADDRESS, verified=True)
    services.join_spaces_by_domain(sam)
    internal.allowed_email_domains = ["acme.example"]
    internal.save()

    assert services.drop_domain_memberships(sam) == 1
    assert not Membership.objects.filter(user=sam).exists()
    assert segment_of(sam) == Profile.Segment.CUSTOMER


def test_staff_are_employees(sam):
    sam.is_staff = True
    sam.save()

    assert services.refresh_segment(sam).segment == Profile.Segment.EMPLOYEE
