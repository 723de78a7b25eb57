"""Test data for the ideas app. Rows are made directly, as fixtures; behaviour under test
goes through the services."""

import factory
from django.utils import timezone

from community.models import Profile
from ideas.models import Category, Comment, Idea, StatusChange, Vote, trending_score
from tests.community.factories import SpaceFactory, UserFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    space = factory.SubFactory(SpaceFactory)
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    space = factory.SubFactory(SpaceFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Idea number {n} for the product")
    problem = "Today this takes a lot of manual work."
    body = "Add a button that does it for me."
    trending_score = factory.LazyFunction(lambda: trending_score(0, timezone.now()))


class VoteFactory(factory.django.DjangoModelFactory):
    """A vote row; keeps the idea's counter in step so lists show what the rows say."""

    class Meta:
        model = Vote
        skip_postgeneration_save = True

    idea = factory.SubFactory(IdeaFactory)
    user = factory.SubFactory(UserFactory)
    segment = "customer"

    @factory.post_generation
    def count_it(vote, create, extracted, **kwargs):
        if create:
            votes = vote.idea.votes
            Idea.objects.filter(pk=vote.idea_id).update(
                vote_count=votes.count(),
                **{f"votes_{segment}": votes.filter(segment=segment).count() for segment in Profile.Segment.values},
            )


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment row; keeps the idea's comment counter in step."""

    class Meta:
        model = Comment
        skip_postgeneration_save = True

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(UserFactory)
    body = "I would use this every week."

    @factory.post_generation
    def count_it(comment, create, extracted, **kwargs):
        if create:
            count = comment.idea.comments.filter(deleted_at=None).count()
            Idea.objects.filter(pk=comment.idea_id).update(comment_count=count)


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    idea = factory.SubFactory(IdeaFactory)
    from_status = Idea.Status.NEW
    to_status = Idea.Status.PLANNED
    message = "We plan this for the next quarter."
