"""Forms of the ideas app, by subject; every form is named here."""

from ideas.forms.ideas import (
    IMAGE_TYPES,
    CategoryChoiceField,
    CommentEditForm,
    CommentForm,
    FollowForm,
    IdeaFilterForm,
    IdeaForm,
    MergeForm,
    MoveIdeaForm,
    MultipleImageField,
    MultipleImageInput,
    PlainTextField,
    SolutionFeedbackForm,
    SpaceGroupedChoices,
    StatusForm,
    UnmergeForm,
    VoteForm,
)
from ideas.forms.legal import (
    DeleteIdeaForm,
    InternalNoteForm,
    LegalHoldForm,
)
from ideas.forms.moderation import (
    IdeaEditForm,
    ReasonForm,
    ReportForm,
)

__all__ = [
    "IMAGE_TYPES",
    "CategoryChoiceField",
    "CommentEditForm",
    "CommentForm",
    "DeleteIdeaForm",
    "FollowForm",
    "IdeaEditForm",
    "IdeaFilterForm",
    "IdeaForm",
    "InternalNoteForm",
    "LegalHoldForm",
    "MergeForm",
    "MoveIdeaForm",
    "MultipleImageField",
    "MultipleImageInput",
    "PlainTextField",
    "ReasonForm",
    "ReportForm",
    "SolutionFeedbackForm",
    "SpaceGroupedChoices",
    "StatusForm",
    "UnmergeForm",
    "VoteForm",
]
