"""A large data set for benchmarks: ``manage.py seed_demo --ideas 100000 --votes 1000000``.

Rows are bulk-inserted in batches, bypassing the services on purpose: a million votes
through ``cast_vote`` would take hours. What the services would have kept up to date is
computed here from the very rows inserted: each idea's vote count and importance
breakdown, comment count, trending score and last activity, and the follows of its
author, voters and commenters. The SQLite full-text index is kept by its triggers,
which bulk inserts fire like any other insert.

Everything comes from one seeded random generator, so the same numbers give the same
data set. Generated people have usernames starting with ``scale-`` and no usable
password; their ideas are recognised by that author. All is written in one
transaction: an interrupted run leaves nothing behind, and a second run with the same
numbers finds the set complete and adds nothing.
"""

import math
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from community.models import Membership, Profile, Space, User
from ideas.models import Comment, Follow, Idea, StatusChange, Vote, trending_score
from portal.devdata import demo

PREFIX = "scale-"
SEED = 20_260_401
BATCH_SIZE = 2_000
# Voters: one per 50 votes, so that each votes for about 50 ideas; within these bounds.
VOTES_PER_VOTER = 50
VOTERS = (100, 20_000)
# Discussion: one comment per ten votes, three in ten of them replies; popular ideas are
# discussed more, though less than in proportion to their votes.
VOTES_PER_COMMENT = 10
REPLY_SHARE = 0.3
DISCUSSION_DAMPING = 0.75
HISTORY = timedelta(days=730)
# Popularity follows a Pareto law: most ideas get a handful of votes, a few get thousands.
POPULARITY_SHAPE = 1.5

# Where ideas go, and who may take part there (see `_segment_of`).
SPACE_SHARES = {"product": 8, "partners": 1, "internal": 1}
SPACE_SEGMENT = {"partners": Profile.Segment.PARTNER, "internal": Profile.Segment.EMPLOYEE}
STATUS_SHARES = {
    Idea.Status.NEW: 55,
    Idea.Status.UNDER_REVIEW: 14,
    Idea.Status.PLANNED: 9,
    Idea.Status.IN_PROGRESS: 5,
    Idea.Status.SHIPPED: 8,
    Idea.Status.DECLINED: 6,
    Idea.Status.DUPLICATE: 3,
}
IMPORTANCE_SHARES = {
    "": 4,
    Vote.Importance.NICE_TO_HAVE: 3,
    Vote.Importance.IMPORTANT: 2,
    Vote.Importance.BLOCKER: 1,
}
IMPORTANCE_FIELDS = {
    Vote.Importance.NICE_TO_HAVE: "votes_nice_to_have",
    Vote.Importance.IMPORTANT: "votes_important",
    Vote.Importance.BLOCKER: "votes_blocker",
}

FIRST_NAMES = (
    "Ada", "Ben", "Chloe", "Dev", "Elif", "Finn", "Gabriel", "Hugo", "Iris", "Jonas", "Kira", "Liam", "Maya",
    "Noah", "Olga", "Pavel", "Rhea", "Sam", "Tara", "Umar", "Vera", "Wes", "Xin", "Yara", "Zoe", "Amir", "Bea",
    "Carlos", "Dina", "Emil", "Freya", "Goran", "Hedda", "Ines", "Jamal", "Kofi", "Lucia", "Mateo", "Nadia", "Otto"
)  # fmt: skip
LAST_NAMES = (
    "Abbott", "Berg", "Chen", "Diallo", "Eriksen", "Fischer", "Garcia", "Horvat", "Ito", "Jansen", "Kowalski",
    "Larsen", "Moreau", "Nakamura", "Okoye", "Papadopoulos", "Quist", "Rossi", "Santos", "Tanaka", "Ueda", "Varga",
    "Weber", "Xu", "Yilmaz", "Zimmermann", "Alves", "Brennan", "Costa", "Dubois"
)  # fmt: skip
VERBS = (
    "Export", "Filter", "Share", "Archive", "Schedule", "Group", "Search", "Tag", "Sync", "Duplicate", "Bulk edit",
    "Pin", "Sort", "Preview", "Assign", "Lock", "Restore", "Translate", "Print", "Compare", "Import", "Merge",
    "Watch", "Rename", "Colour-code", "Approve", "Move", "Template", "Forecast", "Review"
)  # fmt: skip
THINGS = (
    "dashboards", "tasks", "reports", "projects", "invoices", "comments", "attachments", "time entries", "forms",
    "checklists", "milestones", "saved views", "calendars", "contacts", "custom fields", "boards", "automations",
    "workspaces", "notes", "goals", "sprints", "budgets", "timesheets", "documents", "approvals", "subtasks",
    "charts", "tickets", "roadmaps", "surveys"
)  # fmt: skip
QUALIFIERS = (
    "from the mobile app", "by due date", "with one click", "across workspaces", "for guest users", "on a schedule",
    "in bulk", "without leaving the board", "from the keyboard", "for the whole team", "as PDF", "from e-mail",
    "with an approval step", "in my time zone", "when offline", "through the API", "with version history",
    "from a template", "per client", "with a preview", "by owner", "in the sidebar", "with reminders",
    "for read-only users", "in the weekly summary", "with audit history", "from Slack", "by priority",
    "on the home page", "after a deadline"
)  # fmt: skip
PAINS = (
    "I copy everything into a spreadsheet by hand",
    "I have to open each item one by one",
    "we keep a separate list in a shared document",
    "I ask a colleague with admin rights every time",
    "we export to CSV and fix it up in Excel",
    "I lose track as soon as there are more than twenty",
    "our team works around it with e-mail threads",
    "I have to switch to the desktop app",
)
CONSEQUENCES = (
    "which takes most of a morning each week.",
    "and mistakes slip in every time.",
    "so people stop keeping it up to date.",
    "and our managers never see the current state.",
    "which new team members find confusing.",
    "so we miss deadlines we could have seen coming.",
)
POINTS = (
    "it should remember my last choice",
    "admins should be able to turn it off for a workspace",
    "it should work the same on the web and on mobile",
    "the result should be shareable with a link",
    "permissions should follow the project's settings",
    "it should be possible to undo it",
    "a keyboard shortcut would make it much faster",
    "it should show up in the activity history",
    "notifications should mention it",
    "it should also be available through the API",
)
COMMENT_LINES = (
    "We need this too, it would save our team hours every week.",
    "Same problem here. Our workaround is a shared spreadsheet, and it is always out of date.",
    "Would this also work for guest users?",
    "+1, especially on mobile.",
    "Please make it optional; not every team works this way.",
    "This is the main thing keeping us from rolling Acme out to the whole company.",
    "Could it respect the permissions of each project?",
    "We would use this daily.",
    "A keyboard shortcut for it would be great.",
    "Is there any update on this?",
    "Our admins asked for exactly this last week.",
    "Good idea. An API endpoint for it would let us automate the rest.",
)
STATUS_MESSAGES = {
    Idea.Status.UNDER_REVIEW: "Thanks for the idea; the product team is looking at it.",
    Idea.Status.PLANNED: "This is planned. We will post here when work starts.",
    Idea.Status.IN_PROGRESS: "Work on this has started.",
    Idea.Status.SHIPPED: "This is now available to everyone. Thank you for the votes!",
    Idea.Status.DECLINED: "We will not build this in the foreseeable future; the problem is noted, though.",
    Idea.Status.DUPLICATE: "This is covered by another idea; please vote there.",
}


class DataSetMismatch(Exception):
    """A different scale data set is already in the database."""


@dataclass(frozen=True)
class Result:
    ideas: int
    votes: int
    comments: int
    users: int
    created: bool


@dataclass
class _PlannedComment:
    author_id: int
    created_at: datetime
    body: str
    is_reply: bool
    pk: int | None = None


@dataclass
class _PlannedIdea:
    space: str
    author_id: int
    created_at: datetime
    status: str
    voters: list[int] = field(default_factory=list)
    importances: list[str] = field(default_factory=list)
    comments: list[_PlannedComment] = field(default_factory=list)
    changed_at: datetime | None = None
    pk: int | None = None


def scale_ideas() -> models.QuerySet[Idea]:
    return Idea.objects.filter(author__username__startswith=PREFIX)


def scale_votes() -> models.QuerySet[Vote]:
    """The generated votes: votes cast later on generated ideas (by a benchmark) are not part of the set."""
    return Vote.objects.filter(idea__in=scale_ideas(), user__username__startswith=PREFIX)


def existing() -> tuple[int, int]:
    """How many generated ideas and votes the database holds."""
    return scale_ideas().count(), scale_votes().count()


def voters_for(votes: int) -> int:
    low, high = VOTERS
    return min(high, max(low, math.ceil(votes / VOTES_PER_VOTER)))


def generate(*, ideas: int, votes: int) -> Result:
    """Make sure the scale data set of `ideas` ideas and `votes` votes is in the database.

    Needs the demo spaces (`demo.seed`). Raises DataSetMismatch if a scale data set of
    other numbers is there already.
    """
    with transaction.atomic():
        there = existing()
        if there[0]:
            if there != (ideas, votes):
                raise DataSetMismatch(
                    f"This database already holds a scale data set of {there[0]} ideas and {there[1]} votes; "
                    "generate other numbers into a fresh database."
                )
            return Result(ideas, votes, Comment.objects.filter(idea__in=scale_ideas()).count(), 0, created=False)
        with _large_sqlite_cache():
            result = _Generator(ideas=ideas, votes=votes).run()
        _refresh_planner_statistics()
        return result


class _Generator:
    def __init__(self, *, ideas: int, votes: int):
        self.rng = random.Random(SEED)  # noqa: S311 -- made-up data, not secrets
        self.now = timezone.now()
        self.idea_count = ideas
        self.vote_count = votes
        self.comment_count = votes // VOTES_PER_COMMENT
        self.spaces = {space.slug: space for space in Space.objects.filter(slug__in=SPACE_SHARES)}
        self.categories = {
            slug: list(space.categories.values_list("pk", flat=True)) for slug, space in self.spaces.items()
        }
        self.moderator = User.objects.get(username=demo.MODERATOR)
        self.segments: dict[int, str] = {}
        self.pools: dict[str, list[int]] = {}

    def run(self) -> Result:
        users = self._create_people(voters_for(self.vote_count))
        plans = self._plan_ideas()
        self._plan_votes(plans)
        self._plan_comments(plans)
        with _given_timestamps(Idea, Vote, Comment, StatusChange):
            self._insert_ideas(plans)
            self._insert("votes", self.vote_count, (vote for plan in plans for vote in self._votes_of(plan)), Vote)
            self._insert_comments(plans)
            changes = (self._status_change_of(plan) for plan in plans if plan.changed_at)
            self._insert("status changes", sum(1 for plan in plans if plan.changed_at), changes, StatusChange)
        followers = [{plan.author_id, *plan.voters, *(c.author_id for c in plan.comments)} for plan in plans]
        follows = (
            Follow(idea_id=plan.pk, user_id=pk) for plan, people in zip(plans, followers, strict=True) for pk in people
        )
        self._insert("follows", sum(map(len, followers)), follows, Follow)
        return Result(self.idea_count, self.vote_count, self.comment_count, users, created=True)

    # --- People ---------------------------------------------------------------------

    def _create_people(self, count: int) -> int:
        """Voters of every segment; partners and employees are members of their space."""
        unusable = make_password(None)
        users = [
            User(username=f"{PREFIX}{n:06d}", email=f"{PREFIX}{n:06d}@example.org", password=unusable)
            for n in range(count)
        ]
        self._insert("people", count, users, User)
        segments = [_segment_of(n) for n in range(count)]
        self._insert(
            "profiles",
            count,
            (
                Profile(user=user, display_name=self._name(), segment=segment)
                for user, segment in zip(users, segments, strict=True)
            ),
            Profile,
        )
        self._insert(
            "e-mail addresses",
            count,
            (EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users),
            EmailAddress,
        )
        members = [
            Membership(user=user, space=self.spaces[slug], role=Membership.Role.MEMBER)
            for user, segment in zip(users, segments, strict=True)
            for slug, space_segment in SPACE_SEGMENT.items()
            if segment == space_segment and slug in self.spaces
        ]
        self._insert("memberships", len(members), members, Membership)
        self.segments = {user.pk: segment for user, segment in zip(users, segments, strict=True)}
        everyone = [user.pk for user in users]
        self.pools = dict.fromkeys(self.spaces, everyone)
        for slug, segment in SPACE_SEGMENT.items():
            if slug in self.spaces:
                self.pools[slug] = [pk for pk in everyone if self.segments[pk] == segment]
        return count

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    # --- Planning: every row is decided before the first idea is inserted ------------

    def _plan_ideas(self) -> list[_PlannedIdea]:
        ages = sorted((self.rng.random() * HISTORY for _ in range(self.idea_count)), reverse=True)
        slugs = [slug for slug in SPACE_SHARES if slug in self.spaces]
        plans = []
        for age in ages:
            space = self.rng.choices(slugs, weights=[SPACE_SHARES[slug] for slug in slugs])[0]
            status = self.rng.choices(list(STATUS_SHARES), weights=list(STATUS_SHARES.values()))[0]
            created_at = self.now - age
            plans.append(
                _PlannedIdea(
                    space=space,
                    author_id=self.rng.choice(self.pools[space]),
                    created_at=created_at,
                    status=status,
                    changed_at=self._later_than(created_at) if status != Idea.Status.NEW else None,
                )
            )
        return plans

    def _plan_votes(self, plans: list[_PlannedIdea]) -> None:
        """Each author votes for their idea (if there are votes enough); the rest by popularity."""
        own_vote = int(self.vote_count >= len(plans))
        room = [len(self.pools[plan.space]) - 1 + own_vote for plan in plans]
        if sum(room) < self.vote_count:
            raise DataSetMismatch(f"{self.vote_count} votes do not fit: at most {sum(room)} with these voters.")
        counts = [own_vote] * len(plans)
        popularity = [self.rng.paretovariate(POPULARITY_SHAPE) for _ in plans]
        for index in self.rng.choices(range(len(plans)), weights=popularity, k=self.vote_count - sum(counts)):
            counts[index] += 1
        # An idea cannot have more voters than its space has people: the most popular
        # ideas with room to spare take what the others could not.
        overflow = sum(max(0, count - limit) for count, limit in zip(counts, room, strict=True))
        counts = [min(count, limit) for count, limit in zip(counts, room, strict=True)]
        for index in sorted(range(len(plans)), key=popularity.__getitem__, reverse=True):
            if not overflow:
                break
            extra = min(overflow, room[index] - counts[index])
            counts[index] += extra
            overflow -= extra
        importances, shares = list(IMPORTANCE_SHARES), list(IMPORTANCE_SHARES.values())
        for plan, count in zip(plans, counts, strict=True):
            pool = self.pools[plan.space]
            others = [pk for pk in self.rng.sample(pool, min(count + 1, len(pool))) if pk != plan.author_id]
            plan.voters = ([plan.author_id] if own_vote else []) + others[: count - own_vote]
            plan.importances = [""] * own_vote + self.rng.choices(importances, weights=shares, k=count - own_vote)

    def _plan_comments(self, plans: list[_PlannedIdea]) -> None:
        """Comments go where the votes are; the first ones start threads, later ones reply."""
        per_idea = [0] * len(plans)
        weights = [(len(plan.voters) + 1) ** DISCUSSION_DAMPING for plan in plans]
        for index in self.rng.choices(range(len(plans)), weights=weights, k=self.comment_count):
            per_idea[index] += 1
        for plan, count in zip(plans, per_idea, strict=True):
            times = sorted(self._later_than(plan.created_at) for _ in range(count))
            threads = count - int(count * REPLY_SHARE)
            plan.comments = [
                _PlannedComment(
                    author_id=self.rng.choice(self.pools[plan.space]),
                    created_at=created_at,
                    body=self.rng.choice(COMMENT_LINES),
                    is_reply=position >= threads,
                )
                for position, created_at in enumerate(times)
            ]

    def _later_than(self, moment: datetime) -> datetime:
        return moment + self.rng.random() * (self.now - moment)

    # --- Inserting ------------------------------------------------------------------

    def _insert_ideas(self, plans: list[_PlannedIdea]) -> None:
        ideas = [self._idea_of(plan) for plan in plans]
        self._insert("ideas", len(ideas), ideas, Idea)
        for plan, idea in zip(plans, ideas, strict=True):
            plan.pk = idea.pk

    def _idea_of(self, plan: _PlannedIdea) -> Idea:
        importance_counts = dict.fromkeys(IMPORTANCE_FIELDS.values(), 0)
        for importance in plan.importances:
            if importance:
                importance_counts[IMPORTANCE_FIELDS[importance]] += 1
        segment_counts = Counter(f"votes_{self.segments[voter]}" for voter in plan.voters)
        activity = [plan.created_at, plan.changed_at, *(comment.created_at for comment in plan.comments)]
        category_ids = self.categories[plan.space]
        return Idea(
            space=self.spaces[plan.space],
            category_id=self.rng.choice(category_ids) if category_ids else None,
            author_id=plan.author_id,
            title=self._title(),
            problem=self._problem(),
            body=self._body(),
            status=plan.status,
            vote_count=len(plan.voters),
            comment_count=len(plan.comments),
            trending_score=trending_score(len(plan.voters), plan.created_at),
            created_at=plan.created_at,
            updated_at=max(moment for moment in activity if moment),
            **importance_counts,
            **segment_counts,
        )

    def _title(self) -> str:
        return f"{self.rng.choice(VERBS)} {self.rng.choice(THINGS)} {self.rng.choice(QUALIFIERS)}"

    def _problem(self) -> str:
        return f"Today {self.rng.choice(PAINS)}, {self.rng.choice(CONSEQUENCES)}"

    def _body(self) -> str:
        points = self.rng.sample(POINTS, 3)
        return "What I would like:\n\n" + "\n".join(f"- {point};" for point in points[:-1]) + f"\n- {points[-1]}."

    def _votes_of(self, plan: _PlannedIdea) -> Iterator[Vote]:
        for user_id, importance in zip(plan.voters, plan.importances, strict=True):
            yield Vote(
                idea_id=plan.pk,
                user_id=user_id,
                cast_by_id=user_id,
                importance=importance,
                segment=self.segments[user_id],
                created_at=self._later_than(plan.created_at),
            )

    def _insert_comments(self, plans: list[_PlannedIdea]) -> None:
        """Threads first, to know their keys; then the replies, each to a thread of its idea."""
        threads = [(plan, comment) for plan in plans for comment in plan.comments if not comment.is_reply]
        rows = [self._comment_of(plan, comment) for plan, comment in threads]
        self._insert("comments", len(rows), rows, Comment)
        for (_plan, comment), row in zip(threads, rows, strict=True):
            comment.pk = row.pk
        replies = (
            self._comment_of(plan, comment, parent_id=self.rng.choice([c.pk for c in plan.comments if c.pk]))
            for plan in plans
            for comment in plan.comments
            if comment.is_reply
        )
        self._insert("replies", self.comment_count - len(rows), replies, Comment)

    @staticmethod
    def _comment_of(plan: _PlannedIdea, comment: _PlannedComment, parent_id: int | None = None) -> Comment:
        return Comment(
            idea_id=plan.pk,
            author_id=comment.author_id,
            parent_id=parent_id,
            body=comment.body,
            created_at=comment.created_at,
        )

    def _status_change_of(self, plan: _PlannedIdea) -> StatusChange:
        return StatusChange(
            idea_id=plan.pk,
            from_status=Idea.Status.NEW,
            to_status=plan.status,
            message=STATUS_MESSAGES[plan.status],
            actor=self.moderator,
            created_at=plan.changed_at,
        )

    @staticmethod
    def _insert(label: str, total: int, rows: Iterable[models.Model], model: type[models.Model]) -> None:
        """bulk_create in batches, with a progress bar (shown on a terminal only)."""
        rows = iter(rows)
        with tqdm(total=total, desc=f"{label:>16}", unit=" rows", disable=None, leave=True) as progress:
            while batch := list(islice(rows, BATCH_SIZE)):
                model.objects.bulk_create(batch)
                progress.update(len(batch))


def _segment_of(n: int) -> str:
    """One voter in ten is a partner, one in ten an employee, the rest customers."""
    return {1: Profile.Segment.PARTNER, 2: Profile.Segment.EMPLOYEE}.get(n % 10, Profile.Segment.CUSTOMER)


@contextmanager
def _given_timestamps(*models_: type[models.Model]) -> Iterator[None]:
    """Let bulk_create keep the creation times given to it (a data set spread over two years).

    Left alone, it stamps every ``auto_now_add`` field with the current time.
    """
    fields = [f for model in models_ for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    for stamped in fields:
        stamped.auto_now_add = False
    try:
        yield
    finally:
        for stamped in fields:
            stamped.auto_now_add = True


def _refresh_planner_statistics() -> None:
    """Tell the query planner how the tables look now.

    SQLite has no statistics until ANALYZE runs; without them it scans 100,000 ideas for
    a list page through the index on `merged_into` instead of reading the trending index.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@contextmanager
def _large_sqlite_cache() -> Iterator[None]:
    """SQLite: keep the indexes being filled in memory (256 MB), instead of rewriting them on disk.

    With its default 2 MB, a million votes spill the same index pages to the log again and again.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (size,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(size)}")
