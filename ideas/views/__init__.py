"""Pages of the ideas app: lists, an idea's page with its votes and comments, the submit form."""

from ideas.views.detail import (
    add_comment,
    change_status,
    delete_comment,
    edit_comment,
    follow,
    idea_detail,
    move,
    vote,
)
from ideas.views.lists import idea_list, space_detail, space_list, space_theme
from ideas.views.people import person
from ideas.views.submit import similar_ideas, submit_idea

__all__ = [
    "add_comment",
    "change_status",
    "delete_comment",
    "edit_comment",
    "follow",
    "idea_detail",
    "idea_list",
    "move",
    "person",
    "similar_ideas",
    "space_detail",
    "space_list",
    "space_theme",
    "submit_idea",
    "vote",
]
