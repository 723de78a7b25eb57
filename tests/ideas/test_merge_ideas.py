"""Merging duplicates: every voter counted once, nothing lost, and the merge can be undone exactly."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.models import Membership, ModerationAction, Notification, Space
from ideas.models import Follow, Idea, StatusChange, Vote
from ideas.services import Conflict, cast_vote, change_status, follow_idea, merge_ideas, move_idea, unmerge_ideas
from ideas.signals import idea_merged, idea_unmerged
from tests.community.factories import MembershipFactory, ProfileFactory, SpaceFactory, UserFactory
from tests.ideas.factories import IdeaFactory

pytestmark = pytest.mark.django_db

COUNTERS = [
    "vote_count",
    "votes_nice_to_have",
    "votes_important",
    "votes_blocker",
    "votes_customer",
    "votes_partner",
    "votes_employee",
]


@pytest.fixture
def space():
    return SpaceFactory(slug="product", name="Product")


@pytest.fixture
def moderator(space):
    return MembershipFactory(space=space, role=Membership.Role.MODERATOR).user


def person(name, segment="customer"):
    user = UserFactory(username=name, profile=None)
    ProfileFactory(user=user, segment=segment)
    return user


@pytest.fixture
def people():
    return {
        "a": person("a"),
        "b": person("b", "partner"),
        "c": person("c", "employee"),
        "d": person("d"),
    }


@pytest.fixture
def pair(space, people):
    """Source voted for by a, b, c; target by c and d (c voted for both)."""
    source = IdeaFactory(space=space, title="Export to CSV")
    target = IdeaFactory(space=space, title="Export to spreadsheets")
    cast_vote(people["a"], source, importance="blocker")
    cast_vote(people["b"], source, importance="important")
    cast_vote(people["c"], source, importance="nice_to_have")
    cast_vote(people["c"], target, importance="important")
    cast_vote(people["d"], target)
    return fresh(source), fresh(target)


def fresh(idea):
    return Idea.objects.get(pk=idea.pk)


def counters(idea):
    idea = fresh(idea)
    return {name: getattr(idea, name) for name in COUNTERS}


def voters(idea):
    return sorted(Vote.objects.filter(idea=idea).values_list("user__username", flat=True))


def counters_from_rows(idea):
    """What the counters must say, counted from the vote rows."""
    votes = Vote.objects.filter(idea=idea)
    expected = {"vote_count": votes.count()}
    for importance in Vote.Importance.values:
        expected[f"votes_{importance}"] = votes.filter(importance=importance).count()
    for segment in ("customer", "partner", "employee"):
        expected[f"votes_{segment}"] = votes.filter(segment=segment).count()
    return expected


def test_a_voter_of_both_ideas_counts_once_and_keeps_their_vote_on_the_source(pair, moderator):
    source, target = pair

    merged = merge_ideas(moderator, source, target)

    assert (merged.status, merged.merged_into_id) == (Idea.Status.DUPLICATE, target.pk)
    assert voters(target) == ["a", "b", "c", "d"]
    assert voters(source) == ["c"]
    assert fresh(target).vote_count == 4
    assert sorted(Vote.objects.filter(merged_from=source).values_list("user__username", flat=True)) == ["a", "b"]
    assert Vote.objects.get(idea=target, user__username="c").merged_from is None


def test_every_counter_of_both_ideas_matches_the_vote_rows_after_the_merge(pair, moderator):
    source, target = pair

    merge_ideas(moderator, source, target)

    assert counters(target) == counters_from_rows(target)
    assert counters(target) == {
        "vote_count": 4,
        "votes_nice_to_have": 0,
        "votes_important": 2,  # b's from the source, c's own
        "votes_blocker": 1,
        "votes_customer": 2,
        "votes_partner": 1,
        "votes_employee": 1,
    }
    assert counters(source) == counters_from_rows(source)
    assert counters(source)["vote_count"] == 1
    assert fresh(target).trending_score > fresh(source).trending_score


def test_the_merge_is_a_status_change_of_the_source_to_duplicate(pair, moderator):
    source, target = pair
    change_status(moderator, source, Idea.Status.UNDER_REVIEW)

    merge_ideas(moderator, source, target)

    change = StatusChange.objects.filter(idea=source).last()
    assert (change.from_status, change.to_status, change.actor) == ("under_review", "duplicate", moderator)
    assert change.message == f"Merged into #{target.pk}: Export to spreadsheets"


def test_the_history_of_a_public_idea_does_not_name_a_private_target(space, moderator):
    private = SpaceFactory(visibility=Space.Visibility.PRIVATE)
    staff = UserFactory(is_staff=True)
    source = IdeaFactory(space=space)
    target = IdeaFactory(space=private, title="Secret partner pricing")

    merge_ideas(staff, source, target)

    assert StatusChange.objects.get(idea=source).message == f"Merged into #{target.pk}"


def test_followers_of_the_source_also_follow_the_target(pair, moderator, people):
    source, target = pair
    onlooker = UserFactory()
    follow_idea(onlooker, source)

    merge_ideas(moderator, source, target)

    source_followers = set(Follow.objects.filter(idea=source).values_list("user__username", flat=True))
    target_followers = set(Follow.objects.filter(idea=target).values_list("user__username", flat=True))
    assert source_followers == {"a", "b", "c", onlooker.username}
    assert source_followers <= target_followers


def test_exactly_the_voters_of_the_source_are_notified(pair, moderator, people):
    source, target = pair
    follower = UserFactory()
    follow_idea(follower, source)

    merge_ideas(moderator, source, target)

    told = Notification.objects.filter(kind=Notification.Kind.MERGED)
    assert sorted(told.values_list("recipient__username", flat=True)) == ["a", "b", "c"]
    assert {notification.url for notification in told} == {source.get_absolute_url()}


def test_the_merge_is_logged_with_before_and_after(pair, moderator):
    source, target = pair

    merge_ideas(moderator, source, target, reason="Same request.")

    entry = ModerationAction.objects.get(action=ModerationAction.Action.MERGE)
    assert (entry.actor, entry.target_id, entry.space, entry.reason) == (
        moderator,
        source.pk,
        source.space,
        "Same request.",
    )
    assert entry.before == {
        "source": {"id": source.pk, "status": "new", "vote_count": 3},
        "target": {"id": target.pk, "status": "new", "vote_count": 2},
    }
    assert entry.after == {
        "source": {"id": source.pk, "status": "duplicate", "vote_count": 1, "merged_into": target.pk},
        "target": {"id": target.pk, "status": "new", "vote_count": 4},
        "moved_votes": 2,
        "repointed": [],
    }


def test_unmerging_restores_both_ideas_exactly(pair, moderator, people):
    source, target = pair
    change_status(moderator, source, Idea.Status.PLANNED)
    source = fresh(source)
    before = (counters(source), counters(target), voters(source), voters(target))

    merge_ideas(moderator, source, target)
    restored = unmerge_ideas(moderator, fresh(source), reason="Not the same after all.")

    assert (restored.status, restored.merged_into_id) == (Idea.Status.PLANNED, None)
    assert (counters(source), counters(target), voters(source), voters(target)) == before
    assert not Vote.objects.exclude(merged_from=None).exists()
    change = StatusChange.objects.filter(idea=source).last()
    assert (change.from_status, change.to_status) == ("duplicate", "planned")
    entry = ModerationAction.objects.get(action=ModerationAction.Action.UNMERGE)
    assert (entry.reason, entry.after["moved_back_votes"]) == ("Not the same after all.", 2)
    assert (entry.before["source"]["merged_into"], entry.after["source"]["vote_count"]) == (target.pk, 3)


def test_after_unmerging_the_copied_follows_stay(pair, moderator):
    source, target = pair
    merge_ideas(moderator, source, target)
    unmerge_ideas(moderator, fresh(source))
    assert Follow.objects.filter(idea=target, user__username="a").exists()


def test_a_vote_cast_for_the_target_after_the_merge_stays_there_on_unmerge(pair, moderator):
    source, target = pair
    merge_ideas(moderator, source, target)
    newcomer = UserFactory(username="newcomer")
    cast_vote(newcomer, target)

    unmerge_ideas(moderator, fresh(source))

    assert voters(target) == ["c", "d", "newcomer"]
    assert counters(target) == counters_from_rows(target)


def test_a_moderator_of_only_one_space_is_refused_and_the_attempt_is_logged(pair, space):
    source, _target = pair
    other = SpaceFactory()
    elsewhere = IdeaFactory(space=other)
    only_here = MembershipFactory(space=space, role=Membership.Role.MODERATOR).user

    with pytest.raises(PermissionDenied):
        merge_ideas(only_here, source, elsewhere)

    assert fresh(source).merged_into is None
    assert voters(source) == ["a", "b", "c"]
    assert not ModerationAction.objects.filter(action=ModerationAction.Action.MERGE).exists()
    refused = ModerationAction.objects.get(action=ModerationAction.Action.REFUSED)
    assert (refused.actor, refused.target_id, refused.after) == (only_here, source.pk, {"tried": "merge"})


@pytest.mark.parametrize("who", ["member", "author"])
def test_people_who_do_not_moderate_cannot_merge(pair, who):
    source, target = pair
    actor = MembershipFactory(space=source.space).user if who == "member" else source.author
    with pytest.raises(PermissionDenied):
        merge_ideas(actor, source, target)
    assert fresh(source).merged_into is None


def test_staff_may_merge_across_spaces(pair):
    source, _target = pair
    elsewhere = IdeaFactory(space=SpaceFactory(visibility=Space.Visibility.PRIVATE))

    merge_ideas(UserFactory(is_staff=True), source, elsewhere)

    assert fresh(source).merged_into == elsewhere
    assert fresh(elsewhere).vote_count == 3


def test_merging_into_itself_twice_or_into_a_merged_idea_is_refused(pair, moderator, space):
    source, target = pair
    third = IdeaFactory(space=space)
    with pytest.raises(Conflict, match="into itself"):
        merge_ideas(moderator, source, source)

    merge_ideas(moderator, source, target)

    with pytest.raises(Conflict, match="already merged"):
        merge_ideas(moderator, source, third)
    with pytest.raises(Conflict, match="itself merged"):
        merge_ideas(moderator, third, source)
    assert issubclass(Conflict, ValidationError)
    assert fresh(third).merged_into is None
    assert ModerationAction.objects.filter(action=ModerationAction.Action.MERGE).count() == 1


def test_unmerging_an_idea_that_is_not_merged_is_refused(pair, moderator):
    source, _target = pair
    with pytest.raises(Conflict, match="not merged"):
        unmerge_ideas(moderator, source)


def test_a_moderator_of_only_one_space_cannot_unmerge(pair, space):
    source, _target = pair
    elsewhere = IdeaFactory(space=SpaceFactory())
    merge_ideas(UserFactory(is_staff=True), source, elsewhere)
    only_here = MembershipFactory(space=space, role=Membership.Role.MODERATOR).user

    with pytest.raises(PermissionDenied):
        unmerge_ideas(only_here, fresh(source))

    assert fresh(source).merged_into == elsewhere
    assert ModerationAction.objects.filter(action=ModerationAction.Action.REFUSED).get().after == {"tried": "unmerge"}


def test_nobody_votes_for_a_merged_idea_and_its_status_cannot_change_until_unmerged(pair, moderator):
    source, target = pair
    merge_ideas(moderator, source, target)
    with pytest.raises(Conflict):
        cast_vote(UserFactory(), fresh(source))
    with pytest.raises(Conflict, match="undo the merge"):
        change_status(moderator, fresh(source), Idea.Status.PLANNED)


def test_merging_an_idea_that_others_were_merged_into_carries_them_along_and_each_unmerges_exactly(
    space, moderator, people
):
    first, middle, last = (IdeaFactory(space=space) for _ in range(3))
    cast_vote(people["a"], first)
    cast_vote(people["b"], middle)
    cast_vote(people["c"], last)
    merge_ideas(moderator, first, middle)

    merge_ideas(moderator, fresh(middle), last)

    assert fresh(first).merged_into == last
    assert voters(last) == ["a", "b", "c"]
    assert Vote.objects.get(user=people["a"]).merged_from == first
    unmerge_ideas(moderator, fresh(first))
    assert (voters(first), voters(last)) == (["a"], ["b", "c"])
    unmerge_ideas(moderator, fresh(middle))
    assert (voters(middle), voters(last)) == (["b"], ["c"])
    assert [counters(idea)["vote_count"] for idea in (first, middle, last)] == [1, 1, 1]


def test_merging_and_unmerging_tell_the_layers_above(pair, moderator):
    source, target = pair
    heard = []

    def listen(sender, **kwargs):
        heard.append((kwargs["idea"].pk, kwargs["idea"].merged_into_id, kwargs["target"].pk))

    idea_merged.connect(listen)
    idea_unmerged.connect(listen)
    try:
        merge_ideas(moderator, source, target)
        unmerge_ideas(moderator, fresh(source))
    finally:
        idea_merged.disconnect(listen)
        idea_unmerged.disconnect(listen)

    assert heard == [(source.pk, target.pk, target.pk), (source.pk, None, target.pk)]


def test_status_changes_and_moves_are_logged_and_a_visible_refusal_too(space, moderator):
    idea = IdeaFactory(space=space)
    member = MembershipFactory(space=space).user
    other = SpaceFactory()
    MembershipFactory(space=other, user=moderator, role=Membership.Role.MODERATOR)

    change_status(moderator, idea, Idea.Status.PLANNED, "Soon.")
    with pytest.raises(PermissionDenied):
        change_status(member, idea, Idea.Status.SHIPPED)
    move_idea(moderator, idea, other)

    entries = list(ModerationAction.objects.order_by("pk").values_list("action", "actor", "before", "after"))
    assert entries == [
        ("status_change", moderator.pk, {"status": "new"}, {"status": "planned"}),
        ("refused", member.pk, {}, {"tried": "status_change"}),
        ("move", moderator.pk, {"space": "product"}, {"space": other.slug, "carry_comments": False}),
    ]
