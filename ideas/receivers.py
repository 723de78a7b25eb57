"""What ideas does when community tells it something (community cannot reach ideas itself).

Connected by `connect()`, from `IdeasConfig.ready`.
"""

from community.signals import membership_ended
from ideas.services import unfollow_space


def drop_follows(sender, *, user, space_id, **kwargs) -> None:
    """Someone who left a space stops following its ideas."""
    unfollow_space(user, space_id)


def connect() -> None:
    membership_ended.connect(drop_follows, dispatch_uid="ideas.drop_follows")
