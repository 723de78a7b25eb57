"""What the moderation tests share: people of each trust level, and a second space with its own moderator."""

from community.models import Membership, Profile, User
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory


def trusted(**kwargs) -> User:
    """Someone whose activity earned full trust: their reports count towards hiding by themselves."""
    user = UserFactory(**kwargs)
    Profile.objects.filter(user=user).update(trust_level=Profile.TrustLevel.TRUSTED)
    return user


def moderator_of_another_space() -> User:
    other = SpaceFactory(slug="elsewhere", name="Elsewhere")
    return MembershipFactory(space=other, role=Membership.Role.MODERATOR, user=UserFactory(username="elsewhere")).user
