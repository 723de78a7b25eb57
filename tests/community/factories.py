"""Test data for the community app."""

import factory
from allauth.account.models import EmailAddress

from community.models import Membership, Profile, Space, User


class UserFactory(factory.django.DjangoModelFactory):
    """A user as sign-up leaves one: a profile and a (by default verified) primary e-mail."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct-horse-battery-staple")

    profile = factory.RelatedFactory("tests.community.factories.ProfileFactory", factory_related_name="user")

    @factory.post_generation
    def email_verified(user, create, extracted, **kwargs):
        if create:
            verified = True if extracted is None else extracted
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory, profile=None)
    display_name = factory.LazyAttribute(lambda profile: profile.user.username.title())
    segment = Profile.Segment.CUSTOMER


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"space-{n}")
    name = factory.LazyAttribute(lambda space: space.slug.replace("-", " ").title())
    visibility = Space.Visibility.PUBLIC


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    space = factory.SubFactory(SpaceFactory)
    role = Membership.Role.MEMBER
