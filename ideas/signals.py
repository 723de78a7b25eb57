"""What happened to ideas, for the layers above (the API's webhooks) to hear about.

The services send these inside their transaction, once the change is written, so a
receiver can record durable work (a webhook delivery and its task) in the same
transaction: rolled back together, or committed together. Receivers must be quick and
must not call out of the process; slow work goes to a task.
"""

from django.dispatch import Signal

# Each is sent with `actor` (the user who acted) and the objects named.
idea_created = Signal()  # idea
idea_updated = Signal()  # idea
idea_status_changed = Signal()  # idea, change (a StatusChange)
idea_voted = Signal()  # idea, vote; idea.vote_count is the count after this vote
comment_created = Signal()  # idea, comment
idea_merged = Signal()  # idea (the source, now merged), target
idea_unmerged = Signal()  # idea (the source, no longer merged), target (the idea it was merged into)
