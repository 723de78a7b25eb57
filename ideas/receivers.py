"""What ideas does when community tells it something (community cannot reach ideas itself)."""

from ideas.models import Follow


def drop_follows(sender, *, user, space_id, **kwargs) -> None:
    """Someone who left a space stops following its ideas."""
    Follow.objects.filter(user=user, idea__space_id=space_id).delete()
