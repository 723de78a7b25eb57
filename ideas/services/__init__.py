"""Writes of the ideas app: one function per use case.

Each checks permission first through `community.access`, validates, and writes in one
transaction; on refusal it raises PermissionDenied or ValidationError and writes
nothing. Counters are changed in the database (F expressions), never read-modify-write
in Python, so concurrent votes and comments are all counted.

The use cases live in small modules by subject; they are all named here, so callers write
`ideas.services.merge_ideas` whatever module holds it.
"""

from ideas.services.comments import COMMENT_EDIT_WINDOW, add_comment, delete_comment, edit_comment
from ideas.services.common import Conflict
from ideas.services.following import follow_idea, unfollow_idea
from ideas.services.merging import merge_ideas, unmerge_ideas
from ideas.services.moving import move_idea
from ideas.services.statuses import change_status
from ideas.services.submitting import submit_idea
from ideas.services.trackers import (
    clean_status_mapping,
    idea_status_from_links,
    link_tracker,
    unlink_tracker,
    update_tracker_link,
)
from ideas.services.voting import cast_vote, retract_vote

__all__ = [
    "COMMENT_EDIT_WINDOW",
    "Conflict",
    "add_comment",
    "cast_vote",
    "change_status",
    "clean_status_mapping",
    "delete_comment",
    "edit_comment",
    "follow_idea",
    "idea_status_from_links",
    "link_tracker",
    "merge_ideas",
    "move_idea",
    "retract_vote",
    "submit_idea",
    "unfollow_idea",
    "unlink_tracker",
    "unmerge_ideas",
    "update_tracker_link",
]
