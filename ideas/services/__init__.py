"""Writes of the ideas app: one function per use case.

Each checks permission first through `community.access`, validates, and writes in one
transaction; on refusal it raises PermissionDenied or ValidationError and writes
nothing. Counters are changed in the database (F expressions), never read-modify-write
in Python, so concurrent votes and comments are all counted.

The use cases live in small modules by subject; they are all named here, so callers write
`ideas.services.merge_ideas` whatever module holds it.
"""

from ideas.services.campaigns import (
    close_campaign,
    create_campaign,
    save_campaign,
    set_campaign_stage,
    update_campaign,
    widen_campaign,
)
from ideas.services.comments import COMMENT_EDIT_WINDOW, add_comment, delete_comment, edit_comment
from ideas.services.common import Conflict
from ideas.services.feedback import give_feedback, request_feedback
from ideas.services.following import follow_idea, unfollow_idea
from ideas.services.merging import merge_ideas, unmerge_ideas
from ideas.services.moving import move_idea
from ideas.services.shipping import ship_ideas
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
    "close_campaign",
    "create_campaign",
    "delete_comment",
    "edit_comment",
    "follow_idea",
    "give_feedback",
    "idea_status_from_links",
    "link_tracker",
    "merge_ideas",
    "move_idea",
    "request_feedback",
    "retract_vote",
    "save_campaign",
    "set_campaign_stage",
    "ship_ideas",
    "submit_idea",
    "unfollow_idea",
    "unlink_tracker",
    "unmerge_ideas",
    "update_campaign",
    "update_tracker_link",
    "widen_campaign",
]
