"""Votes: cast once per person, taken back, counted in the database."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community.models import Profile, User
from community.selectors import profile_for
from ideas.models import Follow, Idea, Vote, trending_score
from ideas.services.common import Conflict, lock_ideas, require_contributor
from ideas.signals import idea_voted

IMPORTANCE_COUNTERS = {
    Vote.Importance.NICE_TO_HAVE: "votes_nice_to_have",
    Vote.Importance.IMPORTANT: "votes_important",
    Vote.Importance.BLOCKER: "votes_blocker",
}


def _voter_segment(voter: User) -> str:
    return profile_for(voter).segment or Profile.Segment.CUSTOMER


def _segment_counter(vote: Vote) -> str:
    return f"votes_{vote.segment}"


def _recount_trending(idea: Idea) -> None:
    """Recompute the trending score from the count this transaction now sees (and keep that count)."""
    vote_count, created_at = Idea.objects.values_list("vote_count", "created_at").get(pk=idea.pk)
    Idea.objects.filter(pk=idea.pk).update(trending_score=trending_score(vote_count, created_at))
    idea.vote_count = vote_count


@transaction.atomic
def cast_vote(actor: User, idea: Idea, *, importance: str | None = None, on_behalf_of: User | None = None) -> Vote:
    """Count a voter once; voting again only changes how much it matters to them.

    A moderator may vote for a customer (a proxy vote, e.g. heard by support): the
    moderator vouches for the person, who must be able to see the idea but need not
    have verified an address (support may have captured it).
    """
    voter = on_behalf_of or actor
    if on_behalf_of is not None and not access.can_moderate(actor, idea.space):
        raise PermissionDenied(_("Only moderators may vote on someone's behalf."))
    if not access.can_view(voter, idea):
        raise PermissionDenied(_("You cannot vote in this space."))
    if on_behalf_of is None:
        require_contributor(voter, idea.space, _("You cannot vote in this space."))
    elif not voter.is_active:
        raise PermissionDenied(_("You cannot vote in this space."))
    if lock_ideas(idea.pk)[idea.pk].status == Idea.Status.DUPLICATE:  # locked: a merge may be moving its votes
        raise Conflict(_("This idea was merged into another; vote for that one instead."))
    if importance and importance not in Vote.Importance.values:
        raise ValidationError({"importance": _("Choose nice to have, important or blocker.")})
    importance = importance or ""

    vote = Vote.objects.select_for_update().filter(idea=idea, user=voter).first()
    if vote is None:
        try:
            with transaction.atomic():
                vote = Vote.objects.create(
                    idea=idea, user=voter, importance=importance, segment=_voter_segment(voter), cast_by=actor
                )
        except IntegrityError:
            # The same person voted at the same moment in another request: that vote counts.
            return Vote.objects.get(idea=idea, user=voter)
        counters = {
            "vote_count": F("vote_count") + 1,
            _segment_counter(vote): F(_segment_counter(vote)) + 1,
            "updated_at": timezone.now(),
        }
        if importance:
            counters[IMPORTANCE_COUNTERS[importance]] = F(IMPORTANCE_COUNTERS[importance]) + 1
        Idea.objects.filter(pk=idea.pk).update(**counters)
        _recount_trending(idea)
        Follow.objects.get_or_create(idea=idea, user=voter)
        idea_voted.send(sender=Vote, actor=actor, idea=idea, vote=vote)
    elif importance and importance != vote.importance:
        counters = {IMPORTANCE_COUNTERS[importance]: F(IMPORTANCE_COUNTERS[importance]) + 1}
        if vote.importance:
            counters[IMPORTANCE_COUNTERS[vote.importance]] = F(IMPORTANCE_COUNTERS[vote.importance]) - 1
        Idea.objects.filter(pk=idea.pk).update(**counters)
        Vote.objects.filter(pk=vote.pk).update(importance=importance)
        vote.importance = importance
    return vote


@transaction.atomic
def retract_vote(actor: User, idea: Idea) -> bool:
    """Take `user`'s vote back; False if there was none."""
    lock_ideas(idea.pk)  # before the vote, in the order a merge takes them
    vote = Vote.objects.select_for_update().filter(idea=idea, user=actor).first()
    if vote is None:
        return False
    vote.delete()
    counters = {
        "vote_count": F("vote_count") - 1,
        _segment_counter(vote): F(_segment_counter(vote)) - 1,
        "updated_at": timezone.now(),
    }
    if vote.importance:
        counters[IMPORTANCE_COUNTERS[vote.importance]] = F(IMPORTANCE_COUNTERS[vote.importance]) - 1
    Idea.objects.filter(pk=idea.pk).update(**counters)
    _recount_trending(idea)
    return True


def recount_votes(idea: Idea) -> dict[str, int]:
    """Set every vote counter of `idea` (and its trending score) from its Vote rows."""
    counts = Vote.objects.filter(idea=idea).aggregate(
        vote_count=Count("pk"),
        **{field: Count("pk", filter=Q(importance=importance)) for importance, field in IMPORTANCE_COUNTERS.items()},
        **{f"votes_{segment}": Count("pk", filter=Q(segment=segment)) for segment in Profile.Segment.values},
    )
    Idea.objects.filter(pk=idea.pk).update(
        **counts, trending_score=trending_score(counts["vote_count"], idea.created_at), updated_at=timezone.now()
    )
    return counts
