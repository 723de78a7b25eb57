"""What outsiders might try on a secret idea by POST: refused as for a missing idea, nothing written."""

import pytest

from community.models import Notification
from ideas.models import Comment, Follow, Idea, StatusChange, Vote
from tests.access.conftest import EntryPoint, assert_nothing_leaks, entry_points

pytestmark = pytest.mark.django_db

EVERY_SECRET = frozenset({"private", "internal", "hidden"})


def post(path_of, **data):
    return lambda scene: scene.web.post(path_of(scene), data)


def on_idea(action: str):
    return lambda scene: f"/ideas/{scene.idea.pk}/{action}/"


def on_comment(action: str):
    return lambda scene: f"/comments/{scene.world.comment.pk}/{action}/"


def notification_of(scene) -> str:
    """The viewer's own notification about the idea (they were told of its status change), else the member's."""
    notifications = Notification.objects.filter(target_id=scene.idea.pk).order_by("pk")
    notification = notifications.filter(recipient=scene.user).first() if scene.user else None
    notification = notification or notifications.filter(recipient=scene.world.users["member"]).first()
    return f"/notifications/{notification.pk}/open/"


WRITE = [
    EntryPoint("vote", post(on_idea("vote"), action="vote"), direct=EVERY_SECRET, sign_in=True),
    EntryPoint("retract_vote", post(on_idea("vote"), action="retract"), direct=EVERY_SECRET, sign_in=True),
    EntryPoint("follow", post(on_idea("follow"), action="follow"), direct=EVERY_SECRET, sign_in=True),
    EntryPoint("unfollow", post(on_idea("follow"), action="unfollow"), direct=EVERY_SECRET, sign_in=True),
    EntryPoint("comment", post(on_idea("comments"), body="Me too"), direct=EVERY_SECRET, sign_in=True),
    EntryPoint("status", post(on_idea("status"), status="shipped", message="Done"), direct=EVERY_SECRET, sign_in=True),
    EntryPoint("comment_edit", post(on_comment("edit"), body="Rewritten"), direct=EVERY_SECRET, sign_in=True),
    EntryPoint("comment_delete", post(on_comment("delete")), direct=EVERY_SECRET, sign_in=True),
    EntryPoint("notification_open", post(notification_of), direct=EVERY_SECRET, sign_in=True),
]


def written(scene) -> tuple:
    """Everything a POST about the secret idea could change."""
    idea = Idea.objects.get(pk=scene.idea.pk)
    comments = Comment.objects.filter(idea=idea).order_by("pk")
    return (
        idea.status,
        idea.vote_count,
        idea.comment_count,
        sorted(Vote.objects.filter(idea=idea).values_list("user_id", flat=True)),
        sorted(Follow.objects.filter(idea=idea).values_list("user_id", flat=True)),
        list(comments.values_list("pk", "body", "deleted_at")),
        StatusChange.objects.filter(idea=idea).count(),
        list(Notification.objects.filter(target_id=idea.pk).order_by("pk").values_list("pk", "read_at")),
    )


@entry_points(*WRITE)
def test_outsiders_cannot_act_on_a_secret_idea(scene, entry):
    before = written(scene)

    response = entry.request(scene)

    if scene.allowed:
        assert response.status_code != 404, f"{entry.name} refused {scene.viewer} as if the idea did not exist"
    else:
        assert_nothing_leaks(scene, entry, response, refused={302})
        assert written(scene) == before
