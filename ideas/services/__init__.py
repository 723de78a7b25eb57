"""Writes of the ideas app: one function per use case.

Each checks permission first through `community.access`, validates, and writes in one
transaction; on refusal it raises PermissionDenied or ValidationError and writes
nothing. Counters are changed in the database (F expressions), never read-modify-write
in Python, so concurrent votes and comments are all counted.

The use cases live in small modules by subject; they are all named here, so callers write
`ideas.services.merge_ideas` whatever module holds it.
"""

from ideas.services.campaigns import (
    CAMPAIGN_FIELDS,
    EDITABLE_FIELDS,
    LESSONS_MAX_LENGTH,
    check_campaign_open_to,
    close_campaign,
    create_campaign,
    save_campaign,
    set_campaign_stage,
    update_campaign,
    widen_campaign,
)
from ideas.services.comments import (
    COMMENT_EDIT_WINDOW,
    add_comment,
    delete_comment,
    edit_comment,
)
from ideas.services.common import Conflict
from ideas.services.feedback import (
    FEEDBACK_ANCHOR,
    FEEDBACK_COMMENT_MAX_LENGTH,
    give_feedback,
    request_feedback,
)
from ideas.services.following import (
    follow_idea,
    unfollow_idea,
    unfollow_space,
)
from ideas.services.legal import (
    REASON_MAX_LENGTH,
    add_internal_note,
    delete_idea,
    place_legal_hold,
    release_legal_hold,
    remove_ideas,
)
from ideas.services.merging import (
    merge_ideas,
    unmerge_ideas,
)
from ideas.services.moderation import (
    EDITABLE,
    NOTE_MAX_LENGTH,
    announce_comment,
    approve_content,
    dismiss_reports,
    edit_content,
    hide_content,
    lock_comments,
    needs_approval,
    reject_content,
    report_content,
    restore_content,
    unlock_comments,
)
from ideas.services.moving import (
    move_idea,
)
from ideas.services.shipping import (
    ship_ideas,
)
from ideas.services.statuses import (
    change_status,
    reopen_for_review,
)
from ideas.services.submitting import (
    MAX_TAGS,
    TAG_MAX_LENGTH,
    submit_idea,
)
from ideas.services.trackers import (
    STATUS_PROGRESS,
    clean_status_mapping,
    idea_status_from_links,
    link_tracker,
    unlink_tracker,
    update_tracker_link,
)
from ideas.services.voting import (
    IMPORTANCE_COUNTERS,
    cast_vote,
    recount_votes,
    retract_vote,
)

__all__ = [
    "CAMPAIGN_FIELDS",
    "COMMENT_EDIT_WINDOW",
    "EDITABLE",
    "EDITABLE_FIELDS",
    "FEEDBACK_ANCHOR",
    "FEEDBACK_COMMENT_MAX_LENGTH",
    "IMPORTANCE_COUNTERS",
    "LESSONS_MAX_LENGTH",
    "MAX_TAGS",
    "NOTE_MAX_LENGTH",
    "REASON_MAX_LENGTH",
    "STATUS_PROGRESS",
    "TAG_MAX_LENGTH",
    "Conflict",
    "add_comment",
    "add_internal_note",
    "announce_comment",
    "approve_content",
    "cast_vote",
    "change_status",
    "check_campaign_open_to",
    "clean_status_mapping",
    "close_campaign",
    "create_campaign",
    "delete_comment",
    "delete_idea",
    "dismiss_reports",
    "edit_comment",
    "edit_content",
    "follow_idea",
    "give_feedback",
    "hide_content",
    "idea_status_from_links",
    "link_tracker",
    "lock_comments",
    "merge_ideas",
    "move_idea",
    "needs_approval",
    "place_legal_hold",
    "recount_votes",
    "reject_content",
    "release_legal_hold",
    "remove_ideas",
    "reopen_for_review",
    "report_content",
    "request_feedback",
    "restore_content",
    "retract_vote",
    "save_campaign",
    "set_campaign_stage",
    "ship_ideas",
    "submit_idea",
    "unfollow_idea",
    "unfollow_space",
    "unlink_tracker",
    "unlock_comments",
    "unmerge_ideas",
    "update_campaign",
    "update_tracker_link",
    "widen_campaign",
]
