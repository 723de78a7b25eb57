"""Moving an idea between spaces: shaped inside by employees, then shared with customers
or partners (or taken back), with nothing that was said inside leaking out."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from community.models import Membership, Notification, Space
from community.selectors import notifications_for
from ideas import selectors, services
from ideas.models import Follow, Idea
from ideas.signals import idea_updated
from tests.community.factories import MembershipFactory, SpaceFactory, UserFactory
from tests.ideas.factories import CategoryFactory, IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """An internal space and a public one; a moderator of both, an employee, a customer."""

    class World:
        inside = SpaceFactory(slug="inside", name="Inside", visibility=Space.Visibility.INTERNAL)
        public = SpaceFactory(slug="product", name="Product")
        moderator = UserFactory(username="mod")
        employee = UserFactory(username="employee")
        customer = UserFactory(username="customer")

    MembershipFactory(user=World.moderator, space=World.inside, role=Membership.Role.MODERATOR)
    MembershipFactory(user=World.moderator, space=World.public, role=Membership.Role.MODERATOR)
    MembershipFactory(user=World.employee, space=World.inside)
    World.idea = IdeaFactory(space=World.inside, author=World.employee, title="Shaped inside first")
    return World


def fresh(idea):
    return Idea.objects.get(pk=idea.pk)


def readable_bodies(viewer, idea):
    return sorted(comment.body for comment in selectors.idea_comments_for(viewer, idea))


def test_a_moderator_of_only_one_space_cannot_move_and_nothing_changes(world):
    only_inside = UserFactory()
    MembershipFactory(user=only_inside, space=world.inside, role=Membership.Role.MODERATOR)
    services.add_comment(world.employee, world.idea, "Said inside.")
    with pytest.raises(PermissionDenied):
        services.move_idea(only_inside, world.idea, world.public)
    idea = fresh(world.idea)
    assert idea.space == world.inside
    assert idea.comments.get().kept_in_space is None


def test_staff_may_move_and_the_history_goes_with_the_idea(world):
    services.change_status(world.moderator, world.idea, Idea.Status.PLANNED, "Planned for spring.")
    moved = services.move_idea(UserFactory(is_staff=True), world.idea, world.public)
    assert moved.space == world.public
    assert fresh(world.idea).space == world.public
    assert [change.message for change in selectors.status_history_for(moved)] == ["Planned for spring."]


def test_moving_to_the_same_space_or_moving_a_merged_idea_is_refused(world):
    with pytest.raises(ValidationError):
        services.move_idea(world.moderator, world.idea, world.inside)
    Idea.objects.filter(pk=world.idea.pk).update(status=Idea.Status.DUPLICATE)
    with pytest.raises(ValidationError):
        services.move_idea(world.moderator, fresh(world.idea), world.public)
    assert fresh(world.idea).space == world.inside


def test_the_category_of_the_same_slug_in_the_new_space_is_kept_otherwise_none(world):
    inside_reports = CategoryFactory(space=world.inside, slug="reports")
    public_reports = CategoryFactory(space=world.public, slug="reports")
    Idea.objects.filter(pk=world.idea.pk).update(category=inside_reports)
    assert services.move_idea(world.moderator, fresh(world.idea), world.public).category == public_reports
    other = IdeaFactory(space=world.inside, category=CategoryFactory(space=world.inside, slug="mobile"))
    assert services.move_idea(world.moderator, other, world.public).category is None
    assert fresh(other).category is None


def test_comments_stay_inside_unless_carried_and_come_back_when_the_idea_does(world):
    thread = services.add_comment(world.employee, world.idea, "Internal cost estimate.")
    services.add_comment(world.moderator, world.idea, "Reply inside.", parent=thread)
    services.move_idea(world.moderator, world.idea, world.public)
    assert readable_bodies(world.customer, world.idea) == []
    assert readable_bodies(world.employee, world.idea) == ["Internal cost estimate.", "Reply inside."]
    assert fresh(world.idea).comment_count == 0
    assert set(world.idea.comments.values_list("kept_in_space", flat=True)) == {world.inside.pk}

    services.add_comment(world.customer, fresh(world.idea), "Public remark.")
    services.move_idea(world.moderator, fresh(world.idea), world.inside)
    idea = fresh(world.idea)
    assert idea.comment_count == 2  # the two said inside; the public remark stayed in public
    assert readable_bodies(world.employee, idea) == ["Internal cost estimate.", "Public remark.", "Reply inside."]
    kept = dict(idea.comments.values_list("body", "kept_in_space"))
    assert kept == {"Internal cost estimate.": None, "Reply inside.": None, "Public remark.": world.public.pk}


def test_carried_comments_travel_with_the_idea(world):
    services.add_comment(world.employee, world.idea, "Fine to share.")
    services.move_idea(world.moderator, world.idea, world.public, carry_comments=True)
    assert readable_bodies(world.customer, world.idea) == ["Fine to share."]
    assert fresh(world.idea).comment_count == 1


def test_a_comment_kept_inside_is_hidden_from_profiles_pages_and_replies_of_outsiders(world, client):
    kept = services.add_comment(world.employee, world.idea, "Internal cost estimate.")
    services.move_idea(world.moderator, world.idea, world.public)
    assert list(selectors.authored_comments_for(world.customer, world.employee)) == []
    assert list(selectors.authored_comments_for(world.employee, world.employee)) == [kept]
    client.force_login(world.customer)
    page = client.get(reverse("ideas:detail", args=[world.idea.pk])).content.decode()
    assert "Internal cost estimate." not in page
    with pytest.raises(ValidationError):
        services.add_comment(world.customer, fresh(world.idea), "Replying blind.", parent=kept)


def test_a_reply_in_a_kept_thread_stays_with_it_and_is_told_only_inside(world):
    kept = services.add_comment(world.employee, world.idea, "Internal cost estimate.")
    services.move_idea(world.moderator, world.idea, world.public)
    reply = services.add_comment(world.moderator, fresh(world.idea), "Still inside.", parent=kept)
    assert reply.kept_in_space == world.inside
    assert fresh(world.idea).comment_count == 0
    notification = Notification.objects.get(recipient=world.employee, kind=Notification.Kind.REPLY)
    assert notification.space == world.inside


def test_outsiders_lose_the_idea_at_once_its_follows_and_notifications_with_it(world, client):
    idea = IdeaFactory(space=world.public, title="Public at first")
    services.follow_idea(world.customer, idea)
    services.change_status(world.moderator, idea, Idea.Status.UNDER_REVIEW)
    assert notifications_for(world.customer).count() == 1
    client.force_login(world.customer)
    assert client.get(reverse("ideas:detail", args=[idea.pk])).status_code == 200

    services.follow_idea(world.employee, idea)
    services.move_idea(world.moderator, idea, world.inside)

    assert client.get(reverse("ideas:detail", args=[idea.pk])).status_code == 404
    assert not Follow.objects.filter(idea=idea, user=world.customer).exists()
    assert Follow.objects.filter(idea=idea, user=world.employee).exists()
    assert notifications_for(world.customer).count() == 0
    services.change_status(world.moderator, fresh(idea), Idea.Status.PLANNED)
    assert (
        not Notification.objects.filter(recipient=world.customer, kind=Notification.Kind.STATUS_CHANGE)
        .exclude(space=world.inside)
        .exists()
    )
    assert Notification.objects.filter(recipient=world.customer).count() == 1  # only the old, now hidden one
    assert notifications_for(world.employee).count() == 1


def test_moving_tells_the_layers_above(world):
    heard = []

    def receiver(sender, idea, actor, **kwargs):
        heard.append((idea.space_id, actor))

    idea_updated.connect(receiver)
    try:
        services.move_idea(world.moderator, world.idea, world.public)
    finally:
        idea_updated.disconnect(receiver)
    assert heard == [(world.public.pk, world.moderator)]
