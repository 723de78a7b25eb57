"""`manage.py seed_demo --ideas N --votes M`: a large data set whose counters match its rows."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from community.models import Membership, Space, User
from ideas.models import Comment, Follow, Idea, StatusChange, Vote, trending_score
from ideas.selectors import IdeaFilters, filtered_ideas_for
from portal.devdata import scale as scale_data

pytestmark = pytest.mark.django_db

IDEAS, VOTES = 200, 2000


def generate(ideas=IDEAS, votes=VOTES):
    output = StringIO()
    call_command("seed_demo", "--ideas", str(ideas), "--votes", str(votes), stdout=output)
    return output.getvalue()


def row_counts():
    return {
        model.__name__: model.objects.count() for model in (User, Membership, Idea, Vote, Comment, StatusChange, Follow)
    }


def test_the_numbers_asked_for_are_exactly_what_is_generated():
    output = generate()

    assert "Scale data generated" in output
    assert scale_data.scale_ideas().count() == IDEAS
    assert scale_data.scale_votes().count() == VOTES
    assert Vote.objects.filter(idea__in=scale_data.scale_ideas()).count() == VOTES
    assert Comment.objects.filter(idea__in=scale_data.scale_ideas()).count() == VOTES // 10
    assert User.objects.filter(username__startswith=scale_data.PREFIX).count() == scale_data.voters_for(VOTES)


def test_every_counter_matches_the_rows_behind_it():
    generate()

    ideas = scale_data.scale_ideas().annotate(
        voters=Count("votes", distinct=True),
        nice=Count("votes", filter=Q(votes__importance=Vote.Importance.NICE_TO_HAVE), distinct=True),
        important=Count("votes", filter=Q(votes__importance=Vote.Importance.IMPORTANT), distinct=True),
        blockers=Count("votes", filter=Q(votes__importance=Vote.Importance.BLOCKER), distinct=True),
        discussion=Count("comments", distinct=True),
    )
    for idea in ideas:
        assert (idea.vote_count, idea.votes_nice_to_have, idea.votes_important, idea.votes_blocker) == (
            idea.voters,
            idea.nice,
            idea.important,
            idea.blockers,
        )
        assert idea.comment_count == idea.discussion
        assert idea.trending_score == pytest.approx(trending_score(idea.vote_count, idea.created_at))
        assert idea.updated_at >= idea.created_at


def test_votes_are_uneven_and_each_voter_counts_once():
    generate()

    counts = sorted(scale_data.scale_ideas().values_list("vote_count", flat=True), reverse=True)
    assert counts[0] >= 5 * counts[len(counts) // 2], "a few ideas are much more popular than the rest"
    assert min(counts) >= 1, "every author votes for their own idea"
    duplicates = Vote.objects.values("idea", "user").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()


def test_every_status_is_there_with_its_history():
    generate()

    ideas = scale_data.scale_ideas()
    assert set(ideas.values_list("status", flat=True)) == set(Idea.Status.values)
    moved = ideas.exclude(status=Idea.Status.NEW)
    assert StatusChange.objects.filter(idea__in=moved).count() == moved.count()


def test_private_spaces_only_hear_from_their_members():
    generate()

    for slug in ("partners", "internal"):
        space = Space.objects.get(slug=slug)
        members = Membership.objects.filter(space=space).values("user")
        ideas = Idea.objects.filter(space=space)
        assert ideas.exists()
        assert not Vote.objects.filter(idea__in=ideas).exclude(user__in=members).exists()
        assert not Comment.objects.filter(idea__in=ideas).exclude(author__in=members).exists()
        assert not ideas.exclude(author__in=members).exists()


def test_authors_voters_and_commenters_follow_the_idea():
    generate()

    idea = scale_data.scale_ideas().annotate(n=Count("comments")).filter(n__gt=0).first()
    voters = idea.votes.values_list("user", flat=True)
    commenters = idea.comments.values_list("author", flat=True)
    assert set(idea.follows.values_list("user", flat=True)) == {idea.author_id, *voters, *commenters}


def test_generated_ideas_can_be_searched():
    generate()

    idea = scale_data.scale_ideas().filter(space__slug="product").first()
    word = idea.title.split()[-1]

    found = filtered_ideas_for(AnonymousUser(), IdeaFilters(query=word))
    assert idea in found


def test_running_again_with_the_same_numbers_adds_nothing():
    generate()
    before = row_counts()

    output = generate()

    assert row_counts() == before
    assert "Nothing added" in output


def test_other_numbers_on_a_generated_database_are_refused():
    generate()
    before = row_counts()

    with pytest.raises(CommandError, match="already holds a scale data set of 200 ideas and 2000 votes"):
        generate(ideas=300)
    assert row_counts() == before


def test_the_same_numbers_give_the_same_data_set():
    generate()
    first = list(scale_data.scale_ideas().order_by("pk").values_list("title", "status", "vote_count"))
    scale_data.scale_ideas().delete()
    User.objects.filter(username__startswith=scale_data.PREFIX).delete()

    generate()

    assert list(scale_data.scale_ideas().order_by("pk").values_list("title", "status", "vote_count")) == first
