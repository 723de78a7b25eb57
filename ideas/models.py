"""Ideas and what happens to them: votes, comments, statuses, followers, images."""

import math
import uuid
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from community.models import Profile, Space, SubmissionTerms
from community.validators import validate_plain_text

TITLE_MIN_LENGTH = 5
TITLE_MAX_LENGTH = 140
PROBLEM_MAX_LENGTH = 5_000
BODY_MAX_LENGTH = 20_000
COMMENT_MAX_LENGTH = 10_000

# Trending: the "hot" ranking of Reddit. An idea's score is log10(votes) plus its age
# bonus: every TRENDING_HALF_DAY seconds (12.5 hours) younger counts like ten times the
# votes. Since only the relative order matters, this is "votes decayed by age" without
# a score that must be recomputed as time passes: it changes only when a vote does.
TRENDING_EPOCH = 1_700_000_000
TRENDING_HALF_DAY = 45_000


def trending_score(vote_count: int, created_at: datetime) -> float:
    return math.log10(max(vote_count, 1)) + (created_at.timestamp() - TRENDING_EPOCH) / TRENDING_HALF_DAY


class Category(models.Model):
    """A theme within one space (e.g. "Reporting", "Mobile app")."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=80, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["space", "slug"], name="category_slug_unique_in_space")]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class HiddenReason(models.TextChoices):
    """Why an idea or comment is hidden from everyone but its author and the moderators."""

    MODERATOR = "moderator", _("Hidden by a moderator")
    REPORTS = "reports", _("Hidden after reports, until a moderator reviews it")
    PENDING = "pending", _("Awaiting a moderator's approval")
    REJECTED = "rejected", _("Not approved by a moderator")


class Campaign(models.Model):
    """A time-boxed call for ideas in a space, answering one question.

    A pilot starts small (a cap on participants, a time box, success criteria written down);
    when it works an editor widens it to another space, keeping its ideas, votes and history;
    when it does not, it closes with its lessons recorded. Submissions close by themselves at
    `ends_at`.
    """

    class Stage(models.TextChoices):
        PILOT = "pilot", _("Pilot")
        OPEN = "open", _("Open")
        REVIEW = "review", _("In review")
        CLOSED = "closed", _("Closed")

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="campaigns")
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    question = models.TextField(_("the question"), max_length=1000, help_text=_("What the campaign asks people."))
    description = models.TextField(_("description"), max_length=PROBLEM_MAX_LENGTH, blank=True)
    starts_at = models.DateTimeField(_("opens"))
    ends_at = models.DateTimeField(_("closes"))
    stage = models.CharField(_("stage"), max_length=16, choices=Stage, default=Stage.OPEN)
    participant_cap = models.PositiveIntegerField(
        _("participant cap"), null=True, blank=True, help_text=_("For a pilot: how many people may take part.")
    )
    success_criteria = models.TextField(_("success criteria"), max_length=PROBLEM_MAX_LENGTH, blank=True)
    lessons = models.TextField(_("lessons"), max_length=PROBLEM_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="campaign_ends_after_start"
            )
        ]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.title


class Idea(models.Model):
    class Status(models.TextChoices):
        """The slugs are part of the API contract."""

        NEW = "new", _("New")
        UNDER_REVIEW = "under_review", _("Under review")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        SHIPPED = "shipped", _("Shipped")
        DECLINED = "declined", _("Declined")
        DUPLICATE = "duplicate", _("Duplicate")

    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="ideas")
    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="ideas")
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    problem = models.TextField(_("the problem"), max_length=PROBLEM_MAX_LENGTH, blank=True)
    body = models.TextField(_("proposed solution"), max_length=BODY_MAX_LENGTH, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.NEW)
    vote_count = models.PositiveIntegerField(default=0)
    votes_nice_to_have = models.PositiveIntegerField(default=0)
    votes_important = models.PositiveIntegerField(default=0)
    votes_blocker = models.PositiveIntegerField(default=0)
    votes_customer = models.PositiveIntegerField(default=0)
    votes_partner = models.PositiveIntegerField(default=0)
    votes_employee = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    trending_score = models.FloatField(default=0)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=16, choices=HiddenReason, blank=True)
    hidden_note = models.TextField(
        _("why it is hidden"), max_length=2000, blank=True, help_text=_("Shown to the author.")
    )
    moderator_note = models.TextField(
        _("moderator's note"),
        max_length=2000,
        blank=True,
        help_text=_("Shown to everyone after a moderator edited it."),
    )
    moderated_at = models.DateTimeField(null=True, blank=True, help_text=_("When a moderator last edited it."))
    comments_locked = models.BooleanField(_("comments locked"), default=False)
    legal_hold = models.BooleanField(
        _("legal hold"), default=False, help_text=_("Only staff may edit or delete it while the hold lasts.")
    )
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged")
    campaign = models.ForeignKey(Campaign, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas")
    shipped_at = models.DateTimeField(null=True, blank=True, help_text=_("When it last became shipped."))
    feedback_requested_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When its author and voters were asked whether it solved their problem.")
    )
    site_terms = models.ForeignKey(
        SubmissionTerms,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The version of the site's submission terms the author accepted."),
    )
    space_terms = models.ForeignKey(
        SubmissionTerms,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The version of the space's own terms the author accepted, if it has any."),
    )
    terms_accepted_at = models.DateTimeField(null=True, blank=True)
    tags = TaggableManager(_("tags"), blank=True, help_text=_("A few words that group related ideas."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(
        auto_now_add=True, help_text=_("Last change to the record: status, votes, comments, tracker links.")
    )

    class Meta:
        indexes = [
            models.Index(fields=["space", "-trending_score"], name="idea_space_trending"),
            models.Index(fields=["space", "-vote_count"], name="idea_space_top"),
            models.Index(fields=["space", "-created_at"], name="idea_space_newest"),
            models.Index(fields=["space", "-updated_at"], name="idea_space_updated"),
            models.Index(fields=["-trending_score"], name="idea_trending"),
            models.Index(fields=["-vote_count"], name="idea_top"),
            models.Index(fields=["-created_at"], name="idea_newest"),
            models.Index(fields=["-updated_at"], name="idea_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(votes_nice_to_have__lte=models.F("vote_count"))
                & models.Q(votes_important__lte=models.F("vote_count"))
                & models.Q(votes_blocker__lte=models.F("vote_count")),
                name="importance_counts_within_votes",
            )
        ]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:detail", kwargs={"pk": self.pk})


class StatusLabel(models.Model):
    """How the public site names and explains a status (the slug itself is API contract)."""

    status = models.CharField(_("status"), max_length=20, choices=Idea.Status, unique=True)
    label = models.CharField(_("label"), max_length=60, validators=[validate_plain_text])
    description = models.TextField(_("what it means"), max_length=500, blank=True)

    class Meta:
        ordering = ["status"]
        verbose_name = _("status label")
        verbose_name_plural = _("status labels")

    def __str__(self) -> str:
        return self.label


class Vote(models.Model):
    """One person's vote for one idea; counted once, whoever cast it."""

    class Importance(models.TextChoices):
        NICE_TO_HAVE = "nice_to_have", _("Nice to have")
        IMPORTANT = "important", _("Important")
        BLOCKER = "blocker", _("Blocker")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes")
    importance = models.CharField(_("importance"), max_length=16, choices=Importance, blank=True)
    segment = models.CharField(
        _("segment"), max_length=16, choices=Profile.Segment, help_text=_("The voter's segment when they voted.")
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proxy_votes",
        help_text=_("Set when a moderator recorded the vote on the voter's behalf."),
    )
    merged_from = models.ForeignKey(
        "Idea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set when the vote was cast for another idea and moved here when that was merged into this one."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="one_vote_per_idea")]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.user} for {self.idea}"

    @property
    def is_proxy(self) -> bool:
        return self.cast_by_id is not None and self.cast_by_id != self.user_id


class Comment(models.Model):
    """A comment on an idea, or a reply to one (one level); deleting leaves a tombstone."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    is_official = models.BooleanField(_("official response"), default=False)
    kept_in_space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Set when the idea moved out of the space where this was written and the comment stayed "
            "behind: only people who can see that space read it."
        ),
    )
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=16, choices=HiddenReason, blank=True)
    hidden_note = models.TextField(_("why it is hidden"), max_length=2000, blank=True)
    moderator_note = models.TextField(_("moderator's note"), max_length=2000, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "created_at"], name="comment_idea_created")]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.idea_id}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class StatusChange(models.Model):
    """One step in an idea's history; its message is the organisation's official response."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Idea.Status)
    to_status = models.CharField(max_length=20, choices=Idea.Status)
    message = models.TextField(_("official response"), max_length=COMMENT_MAX_LENGTH, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.from_status} → {self.to_status}"


class Follow(models.Model):
    """Someone who hears about an idea's status changes and official responses."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="one_follow_per_idea")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.idea}"


class InternalNote(models.Model):
    """A note on an idea for its space's moderators and staff only (R&D, support, legal)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="internal_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("internal note"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self) -> str:
        return f"Note {self.pk} on {self.idea_id}"


class SolutionFeedback(models.Model):
    """After an idea shipped, whether it solved the problem for one of its author and voters."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("did it solve it?"), max_length=8, choices=Answer)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="one_feedback_per_idea_and_person")]
        verbose_name = _("solution feedback")
        verbose_name_plural = _("solution feedback")

    def __str__(self) -> str:
        return f"{self.user_id} on {self.idea_id}: {self.answer}"


IDEA_IMAGE_FOLDER = "ideas"


def idea_image_path(instance, filename: str) -> str:
    """A random name: the uploader's file name never reaches the disk or a URL."""
    return f"{IDEA_IMAGE_FOLDER}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class IdeaImage(models.Model):
    """An image attached to an idea, re-encoded on upload (no EXIF, no hidden payload)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=idea_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.image.name

    def get_absolute_url(self) -> str:
        """Where the image is served after the access rule (never the media folder itself)."""
        return reverse("ideas:image", args=[PurePath(self.image.name).name])


class TrackerLink(models.Model):
    """An issue in an R&D tracker (Jira, Linear, GitHub…) that carries an idea forward.

    An idea may have several, one per team. `status_mapping` is what the integration that
    wrote the link chose: which tracker states move the idea to which status; the idea
    moves only when every link that has a mapping agrees (see `services.idea_status_from_links`).
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="tracker_links")
    tracker = models.CharField(_("tracker"), max_length=40, validators=[validate_plain_text])
    key = models.CharField(_("issue key"), max_length=100, validators=[validate_plain_text])
    url = models.URLField(_("issue URL"), max_length=500)
    state = models.CharField(_("state in the tracker"), max_length=60, blank=True, validators=[validate_plain_text])
    status_mapping = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["idea", "tracker", "key"], name="one_link_per_tracker_issue")]
        verbose_name = _("tracker link")
        verbose_name_plural = _("tracker links")

    def __str__(self) -> str:
        return f"{self.tracker} {self.key}"

    @property
    def mapped_status(self) -> str | None:
        """The idea status this link's state stands for, or None when the mapping says nothing."""
        return self.status_mapping.get(self.state) or None
