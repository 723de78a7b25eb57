"""Accounts and profiles of the people who take part."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from community.validators import validate_plain_text


class User(AbstractUser):
    """A person with an account; signs in by e-mail (allauth), the username is internal."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def display_name(self) -> str:
        profile = getattr(self, "profile", None)
        return profile.display_name if profile else self.username

    def get_full_name(self) -> str:
        """The name the back office (Wagtail) shows: the one the person chose."""
        return self.display_name

    def set_staff(self, staff: bool) -> None:
        """Make the account site staff (with every permission) or take that away; the caller saves."""
        self.is_staff = self.is_superuser = staff


class Profile(models.Model):
    """What other people see of a user, and which part of the ecosystem they speak for."""

    class Segment(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        PARTNER = "partner", _("Partner")
        EMPLOYEE = "employee", _("Employee")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=80, validators=[validate_plain_text])

    class EmailFrequency(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DAILY = "daily", _("In a daily digest")
        NEVER = "never", _("Never")

    class TrustLevel(models.TextChoices):
        """Earned by taking part without trouble; it eases rate limits and weighs in reports."""

        NEW = "new", _("New")
        MEMBER = "member", _("Member")
        TRUSTED = "trusted", _("Trusted")

    segment = models.CharField(_("segment"), max_length=16, choices=Segment, default=Segment.CUSTOMER)
    trust_level = models.CharField(_("trust level"), max_length=16, choices=TrustLevel, default=TrustLevel.NEW)
    deleted_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Set when the person deleted their account; what stays is anonymous.")
    )
    email_frequency = models.CharField(
        _("e-mail me about ideas I follow"), max_length=16, choices=EmailFrequency, default=EmailFrequency.IMMEDIATELY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name


SPACE_LOGO_FOLDER = "spaces"


def space_logo_path(instance, filename: str) -> str:
    """A random name: the uploader's file name never reaches the disk or a URL."""
    return f"{SPACE_LOGO_FOLDER}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Space(models.Model):
    """A place where ideas are shared: public, private (partners) or internal (employees)."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone reads, signed-in people contribute")
        PRIVATE = "private", _("Private: members only, by invitation")
        INTERNAL = "internal", _("Internal: employees only")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120, validators=[validate_plain_text])
    description = models.TextField(_("description"), max_length=2000, blank=True)
    visibility = models.CharField(_("visibility"), max_length=16, choices=Visibility, default=Visibility.PUBLIC)
    allowed_email_domains = models.JSONField(
        _("allowed e-mail domains"),
        default=list,
        blank=True,
        help_text=_("Internal spaces: people with a verified address on one of these domains may join."),
    )
    logo = models.ImageField(_("logo"), upload_to=space_logo_path, blank=True)
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give a colour as #RRGGBB."))],
        help_text=_("The colour of the space's landing page, as #RRGGBB."),
    )
    premoderate_first_posts = models.PositiveSmallIntegerField(
        _("hold first posts for approval"),
        default=0,
        help_text=_(
            "Hold this many first posts (ideas and comments) of each new person for approval; 0 publishes at once."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


class Membership(models.Model):
    """A person's role in a private, internal or public space."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")
        OWNER = "owner", _("Owner")

    class Source(models.TextChoices):
        """How the person came in; a membership that came with an e-mail domain or an SSO
        group goes when the address or the group does."""

        ADDED = "added", _("Added by staff or an owner")
        INVITATION = "invitation", _("Accepted an invitation")
        DOMAIN = "domain", _("A verified address on an allowed domain")
        SSO = "sso", _("A group of the company's identity provider")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role, default=Role.MEMBER)
    source = models.CharField(_("came in by"), max_length=16, choices=Source, default=Source.ADDED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "space"], name="one_membership_per_space")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} in {self.space} ({self.role})"


class Invitation(models.Model):
    """An invitation into a space: to one e-mail address (used once) or a shareable link
    (`max_uses`). Only a hash of its token is kept; the link carries the token itself."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("Empty for a shareable link."))
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role, default=Membership.Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    max_uses = models.PositiveIntegerField(_("maximum uses"), default=1)
    uses = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email or _('link')} to {self.space}"

    @property
    def is_link(self) -> bool:
        return not self.email


class Notification(models.Model):
    """Something a person should hear about an object in a space (an idea, a comment).

    The space is kept so that the access rule applies when the notification is read or
    e-mailed: someone who can no longer see the space no longer sees the notification.
    """

    class Kind(models.TextChoices):
        STATUS_CHANGE = "status_change", _("Status change")
        OFFICIAL_RESPONSE = "official_response", _("Official response")
        REPLY = "reply", _("Reply")
        MERGED = "merged", _("Merged into another idea")
        MODERATION = "moderation", _("Moderation")
        FEEDBACK_REQUEST = "feedback_request", _("Did it solve your problem?")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    subject = models.CharField(max_length=200)
    message = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["target_type", "target_id"], name="notification_target"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}: {self.subject}"


class Flag(models.Model):
    """A report by a signed-in person that an idea or comment breaks the rules; one per person and item."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        ABUSIVE = "abusive", _("Abusive")
        OFF_TOPIC = "off_topic", _("Off-topic")
        DUPLICATE = "duplicate", _("Duplicate")
        LEGAL = "legal", _("Legal or intellectual property")

    class Resolution(models.TextChoices):
        DISMISSED = "dismissed", _("Dismissed")
        HIDDEN = "hidden", _("Hidden")
        EDITED = "edited", _("Edited")
        RESTORED = "restored", _("Restored")

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="flags")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    reporter_trusted = models.BooleanField(
        default=False,
        help_text=_("Whether the reporter was trusted when reporting: only such reports hide by themselves."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution = models.CharField(max_length=16, choices=Resolution, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"], name="one_flag_per_reporter_and_item"
            )
        ]
        indexes = [
            models.Index(fields=["space", "resolved_at", "-created_at"], name="flag_open_in_space"),
            models.Index(fields=["target_type", "target_id"], name="flag_target"),
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.target_type_id}:{self.target_id}"


class Suspension(models.Model):
    """A person barred from contributing in one space, or on the whole site (no space), until `ends_at`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suspensions",
        help_text=_("Empty: the whole site."),
    )
    reason = models.TextField(_("reason"), max_length=2000)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(_("until"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["user", "ends_at"], name="suspension_user_until")]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self) -> str:
        return f"{self.user} suspended until {self.ends_at:%Y-%m-%d}"


class AppendOnlyQuerySet(models.QuerySet):
    """Rows that are written once and never changed or removed (an audit trail)."""

    def update(self, **kwargs):
        raise TypeError("The moderation log is append-only.")

    def delete(self):
        raise TypeError("The moderation log is append-only.")


class ModerationAction(models.Model):
    """One entry of the append-only audit log: who did what, to which object, why, and what changed.

    `target_label` and `space_name` keep what the object and space were called, so an entry still
    reads after they are deleted. Written only by `community.services.audit.record_action`.
    """

    class Action(models.TextChoices):
        DISMISS = "dismiss", _("Dismissed reports")
        HIDE = "hide", _("Hid")
        AUTO_HIDE = "auto_hide", _("Hid after reports")
        RESTORE = "restore", _("Restored")
        EDIT = "edit", _("Edited")
        LOCK = "lock", _("Locked comments")
        UNLOCK = "unlock", _("Unlocked comments")
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        WARN = "warn", _("Warned")
        SUSPEND = "suspend", _("Suspended")
        LIFT_SUSPENSION = "lift_suspension", _("Lifted a suspension")
        STATUS_CHANGE = "status_change", _("Changed status")
        MERGE = "merge", _("Merged")
        UNMERGE = "unmerge", _("Unmerged")
        MOVE = "move", _("Moved")
        DELETE = "delete", _("Deleted")
        LEGAL_HOLD = "legal_hold", _("Placed a legal hold")
        RELEASE_HOLD = "release_hold", _("Released a legal hold")
        INTERNAL_NOTE = "internal_note", _("Wrote an internal note")
        PUBLISH_TERMS = "publish_terms", _("Published terms")
        DELETE_ACCOUNT = "delete_account", _("Deleted an account")
        CREATE = "create", _("Created")
        ADD_MEMBER = "add_member", _("Added a member")
        CHANGE_ROLE = "change_role", _("Changed a role")
        REMOVE_MEMBER = "remove_member", _("Removed a member")
        REFUSED = "refused", _("Was refused")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the portal acted by itself (hiding after reports)."),
    )
    action = models.CharField(max_length=32, choices=Action)
    space = models.ForeignKey(Space, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    space_name = models.CharField(max_length=120, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(max_length=200, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The person acted upon: the author of the item, or who was warned or suspended."),
    )
    reason = models.TextField(blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["-created_at"], name="moderation_newest"),
            models.Index(fields=["space", "-created_at"], name="moderation_space_newest"),
            models.Index(fields=["target_type", "target_id"], name="moderation_target"),
        ]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.target_label}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The moderation log is append-only.")

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """What the action changed, field by field: (name, before, after), None where a side lacks it."""
        names = dict.fromkeys([*self.before, *self.after])
        return [(name, self.before.get(name), self.after.get(name)) for name in names]


class SubmissionTerms(models.Model):
    """One version of the terms under which ideas are submitted: the site's (no space), or a
    space's own on top of them (a partner space under an NDA).

    A published version never changes; editors publish a new one, and everyone accepts it
    before their next idea.
    """

    space = models.ForeignKey(
        Space,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="terms",
        help_text=_("Empty: the whole site."),
    )
    version = models.PositiveIntegerField(editable=False)
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    body = RichTextField(_("terms"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["space_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["space", "version"], name="one_terms_version_per_space"),
            models.UniqueConstraint(
                fields=["version"], condition=models.Q(space__isnull=True), name="one_site_terms_version"
            ),
        ]
        verbose_name = _("submission terms")
        verbose_name_plural = _("submission terms")

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class TermsAcceptance(models.Model):
    """That a person accepted a version of the submission terms, and when."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="terms_accepted")
    terms = models.ForeignKey(SubmissionTerms, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "terms"], name="one_acceptance_per_terms")]
        verbose_name = _("terms acceptance")
        verbose_name_plural = _("terms acceptances")

    def __str__(self) -> str:
        return f"{self.user} accepted {self.terms}"
