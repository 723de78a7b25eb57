"""Forms of the ideas pages, by subject: they parse what a browser sends; the services decide.
Every form is named here.
"""

from ideas.forms.comments import (
    CommentEditForm,
    CommentForm,
)
from ideas.forms.feedback import (
    SolutionFeedbackForm,
)
from ideas.forms.fields import (
    IMAGE_TYPES,
    CategoryChoiceField,
    MultipleImageField,
    MultipleImageInput,
    PlainTextField,
    SpaceGroupedChoices,
)
from ideas.forms.following import (
    FollowForm,
)
from ideas.forms.legal import (
    DeleteIdeaForm,
    InternalNoteForm,
    LegalHoldForm,
)
from ideas.forms.lists import (
    IdeaFilterForm,
)
from ideas.forms.merging import (
    MergeForm,
    UnmergeForm,
)
from ideas.forms.moderation import (
    ModeratorCommentEditForm,
    ModeratorIdeaEditForm,
    ReasonForm,
    ReportForm,
)
from ideas.forms.moving import (
    MoveIdeaForm,
)
from ideas.forms.statuses import (
    StatusForm,
)
from ideas.forms.submitting import (
    IdeaForm,
)
from ideas.forms.voting import (
    VoteForm,
)

__all__ = [
    "IMAGE_TYPES",
    "CategoryChoiceField",
    "CommentEditForm",
    "CommentForm",
    "DeleteIdeaForm",
    "FollowForm",
    "IdeaFilterForm",
    "IdeaForm",
    "InternalNoteForm",
    "LegalHoldForm",
    "MergeForm",
    "ModeratorCommentEditForm",
    "ModeratorIdeaEditForm",
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
