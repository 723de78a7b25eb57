"""The demo portal that ``manage.py seed_demo`` fills in: believable, and the same every time.

People, spaces and ideas come from ``demo.toml`` and are written through the services,
so counters, follows and notifications are what real use would leave behind. Ideas are
keyed by (space, title): one that exists is left alone, so running again adds nothing.
Memberships are rows made here, as there is no membership service yet. The site's submission
terms are published last: the story's ideas predate them, and every demo person accepts them on
their next idea. Then the public site (``site``): pages, a changelog that ships, a campaign.
"""

import tomllib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from community import services as community_services
from community.models import Membership, Profile, Space, SubmissionTerms, User
from ideas import services as ideas_services
from ideas.models import Category, Idea, trending_score
from portal.devdata.site import seed_site

DEMO_PASSWORD = "groundswell-demo"  # noqa: S105 -- published in the README, demo only
CONTENT = Path(__file__).with_name("demo.toml")
# Who moves the demo ideas along and answers for the organisation.
MODERATOR = "carol"


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


# The people to sign in as (published in the README).
PEOPLE = [
    DemoPerson("admin", "Site Admin", Profile.Segment.EMPLOYEE, staff=True),
    DemoPerson("alice", "Alice Customer", Profile.Segment.CUSTOMER),
    DemoPerson("bob", "Bob Partner", Profile.Segment.PARTNER),
    DemoPerson("carol", "Carol Employee", Profile.Segment.EMPLOYEE, wagtail_groups=("Moderators",)),
]


@dataclass(frozen=True)
class Summary:
    people: int
    spaces: int
    ideas: int
    new_ideas: int
    new_pages: int


def seed() -> Summary:
    content = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    people = {user.username: user for user in [*seed_people(), *seed_voters(content["people"])]}
    spaces = seed_spaces(content["spaces"], people)
    new_ideas = sum(seed_idea(spec, spaces[spec["space"]], people) for spec in content["ideas"])
    seed_terms(content["terms"], editor=people["admin"])
    pages = seed_site(people["admin"])
    return Summary(
        people=len(people), spaces=len(spaces), ideas=len(content["ideas"]), new_ideas=new_ideas, new_pages=pages
    )


@transaction.atomic
def seed_people() -> list[User]:
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


@transaction.atomic
def seed_voters(specs: list[dict]) -> list[User]:
    """The other people of the demo: they vote and comment, and cannot sign in."""
    users = []
    for spec in specs:
        user = community_services.provision_account(
            email=f"{spec['username']}@example.com",
            username=spec["username"],
            display_name=spec["display_name"],
            email_verified=True,
        )
        community_services.set_segment(user, Profile.Segment(spec["segment"]))
        users.append(user)
    return users


@transaction.atomic
def seed_spaces(specs: list[dict], people: dict[str, User]) -> dict[str, Space]:
    spaces = {}
    for spec in specs:
        space, _created = Space.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "visibility": Space.Visibility(spec["visibility"]),
                "allowed_email_domains": spec["allowed_email_domains"],
            },
        )
        for slug, name in spec["categories"]:
            Category.objects.update_or_create(space=space, slug=slug, defaults={"name": name})
        for username, role in spec["members"].items():
            Membership.objects.update_or_create(
                user=people[username], space=space, defaults={"role": Membership.Role(role)}
            )
        spaces[space.slug] = space
    return spaces


@transaction.atomic
def seed_terms(spec: dict, *, editor: User) -> None:
    """Publish the first version of the site's submission terms, unless the site has terms already."""
    if SubmissionTerms.objects.filter(space=None).exists():
        return
    draft = community_services.draft_terms(editor, space=None, title=spec["title"], body=spec["body"].strip())
    community_services.publish_terms(editor, draft)


@transaction.atomic
def seed_idea(spec: dict, space: Space, people: dict[str, User]) -> bool:
    """Post one idea and play its story: votes, the discussion, then carol's answers (status
    changes, or a merge into an idea posted before it).

    False if an idea of that title is already in the space.
    """
    if Idea.objects.filter(space=space, title=spec["title"]).exists():
        return False
    idea = ideas_services.submit_idea(
        people[spec["author"]],
        space,
        spec["title"],
        spec["body"],
        category=space.categories.get(slug=spec["category"]),
        problem=spec["problem"],
    )
    _backdate(idea, days=spec["age"])
    for vote in spec.get("votes", []):
        username, _sep, importance = vote.partition(":")
        ideas_services.cast_vote(people[username], idea, importance=importance or None)
    for comment in spec.get("comments", []):
        parent = ideas_services.add_comment(
            people[comment["author"]], idea, comment["body"], official=comment.get("official", False)
        )
        for reply in comment.get("replies", []):
            ideas_services.add_comment(people[reply["author"]], idea, reply["body"], parent=parent)
        for report in comment.get("reports", []):
            ideas_services.report_content(
                people[report["by"]], parent, reason=report["reason"], note=report.get("note", "")
            )
    for step in spec.get("statuses", []):
        ideas_services.change_status(people[MODERATOR], idea, step["status"], step["message"])
    if merge := spec.get("merge"):
        target = Idea.objects.get(space=space, title=merge["into"])
        ideas_services.merge_ideas(people[MODERATOR], idea, target, reason=merge["reason"])
    return True


def _backdate(idea: Idea, *, days: int) -> None:
    """Spread the demo ideas over the past months, so that "newest" and "trending" differ from "top"."""
    created_at = timezone.now() - timedelta(days=days)
    Idea.objects.filter(pk=idea.pk).update(
        created_at=created_at, updated_at=created_at, trending_score=trending_score(idea.vote_count, created_at)
    )
    idea.created_at = idea.updated_at = created_at
