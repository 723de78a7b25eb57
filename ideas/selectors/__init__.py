"""Reads of the ideas app: querysets already filtered for the viewer.

Each returns what a page or an API answer renders with a constant number of queries,
whatever its length: related rows are joined or prefetched here, not looked up per row.
The reads live in small modules by subject; they are all named here.
"""

from ideas.selectors.campaigns import (
    campaign_for,
    campaigns_for,
)
from ideas.selectors.comments import (
    comment_for,
    comments_for,
    idea_comments_for,
)
from ideas.selectors.dashboard import (
    NEWEST_SHOWN,
    WeeksNewIdeas,
    new_ideas_this_week_for,
)
from ideas.selectors.feedback import (
    FeedbackPanel,
    feedback_panel_for,
    ideas_due_for_feedback,
)
from ideas.selectors.feeds import (
    latest_idea_change,
    new_ideas_in,
    public_ideas,
    public_space,
    public_spaces,
    public_status_changes,
    sitemap_ideas,
)
from ideas.selectors.ideas import (
    SIMILAR_IDEAS_LIMIT,
    IdeaFilters,
    Sort,
    filtered_ideas_for,
    idea_for,
    idea_list_for,
    ideas_merged_into_for,
    integration_idea_for,
    integration_ideas_for,
    readable_ideas_for,
    similar_ideas_for,
)
from ideas.selectors.legal import (
    can_delete_idea,
    internal_notes_for,
    others_took_part,
)
from ideas.selectors.media import (
    idea_image_for,
    space_logo_for,
)
from ideas.selectors.merging import (
    MergePreview,
    merge_preview_for,
    merge_target_for,
    merged_ideas_for,
)
from ideas.selectors.moderation import (
    QueueEntry,
    moderation_queue_for,
    open_report_count_for,
    queue_spaces_for,
    space_of,
)
from ideas.selectors.moving import (
    move_destinations_for,
)
from ideas.selectors.people import (
    authored_comments_for,
    authored_ideas_for,
    person_for,
)
from ideas.selectors.site import (
    OPEN_STAGES,
    OPEN_STATUSES,
    RESPONSE_SAMPLE_DAYS,
    RESPONSE_SAMPLE_SIZE,
    ROADMAP_COLUMN_LIMIT,
    ROADMAP_STATUSES,
    ParticipationFigures,
    StatusName,
    accepts_ideas,
    block_ideas_for,
    campaign_ideas_for,
    ideas_among_for,
    open_campaigns_for,
    participation_figures_for,
    quarter_start,
    recently_shipped_for,
    roadmap_categories_for,
    roadmap_for,
    status_names,
    trending_ideas_for,
)
from ideas.selectors.spaces import (
    categories_for,
    contributable_spaces_for,
    space_for,
    spaces_for,
    visible_categories_for,
)
from ideas.selectors.statuses import (
    status_history_for,
)
from ideas.selectors.trackers import (
    tracker_link_for,
    tracker_links_for,
)
from ideas.selectors.voting import (
    own_vote_for,
    votes_for,
)

__all__ = [
    "NEWEST_SHOWN",
    "OPEN_STAGES",
    "OPEN_STATUSES",
    "RESPONSE_SAMPLE_DAYS",
    "RESPONSE_SAMPLE_SIZE",
    "ROADMAP_COLUMN_LIMIT",
    "ROADMAP_STATUSES",
    "SIMILAR_IDEAS_LIMIT",
    "FeedbackPanel",
    "IdeaFilters",
    "MergePreview",
    "ParticipationFigures",
    "QueueEntry",
    "Sort",
    "StatusName",
    "WeeksNewIdeas",
    "accepts_ideas",
    "authored_comments_for",
    "authored_ideas_for",
    "block_ideas_for",
    "campaign_for",
    "campaign_ideas_for",
    "campaigns_for",
    "can_delete_idea",
    "categories_for",
    "comment_for",
    "comments_for",
    "contributable_spaces_for",
    "feedback_panel_for",
    "filtered_ideas_for",
    "idea_comments_for",
    "idea_for",
    "idea_image_for",
    "idea_list_for",
    "ideas_among_for",
    "ideas_due_for_feedback",
    "ideas_merged_into_for",
    "integration_idea_for",
    "integration_ideas_for",
    "internal_notes_for",
    "latest_idea_change",
    "merge_preview_for",
    "merge_target_for",
    "merged_ideas_for",
    "moderation_queue_for",
    "move_destinations_for",
    "new_ideas_in",
    "new_ideas_this_week_for",
    "open_campaigns_for",
    "open_report_count_for",
    "others_took_part",
    "own_vote_for",
    "participation_figures_for",
    "person_for",
    "public_ideas",
    "public_space",
    "public_spaces",
    "public_status_changes",
    "quarter_start",
    "queue_spaces_for",
    "readable_ideas_for",
    "recently_shipped_for",
    "roadmap_categories_for",
    "roadmap_for",
    "similar_ideas_for",
    "sitemap_ideas",
    "space_for",
    "space_logo_for",
    "space_of",
    "spaces_for",
    "status_history_for",
    "status_names",
    "tracker_link_for",
    "tracker_links_for",
    "trending_ideas_for",
    "visible_categories_for",
    "votes_for",
]
