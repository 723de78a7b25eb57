"""The demo portal that ``manage.py seed_demo`` fills in: believable, and the same every time."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from community import services as community_services
from community.models import Profile

DEMO_PASSWORD = "groundswell-demo"  # noqa: S105 -- published in the README, demo only


@dataclass(frozen=True)
class DemoPerson:
    username: str
    display_name: str
    segment: Profile.Segment
    staff: bool = False
    wagtail_groups: tuple[str, ...] = ()

    @property
    def email(self) -> str:
        return f"{self.username}@example.com"


PEOPLE = [
    DemoPerson("admin", "Site Admin", Profile.Segment.EMPLOYEE, staff=True),
    DemoPerson("alice", "Alice Customer", Profile.Segment.CUSTOMER),
    DemoPerson("bob", "Bob Partner", Profile.Segment.PARTNER),
    DemoPerson("carol", "Carol Employee", Profile.Segment.EMPLOYEE, wagtail_groups=("Moderators",)),
]


@transaction.atomic
def seed_people() -> list:
    users = []
    for person in PEOPLE:
        user = community_services.provision_account(
            email=person.email,
            username=person.username,
            display_name=person.display_name,
            password=DEMO_PASSWORD,
            email_verified=True,
            staff=person.staff,
        )
        community_services.set_segment(user, person.segment)
        user.groups.add(*Group.objects.filter(name__in=person.wagtail_groups))
        users.append(user)
    return users
