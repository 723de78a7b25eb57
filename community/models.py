"""Accounts and profiles of the people who take part."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    segment = models.CharField(_("segment"), max_length=16, choices=Segment, default=Segment.CUSTOMER)
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


def space_logo_path(instance, filename: str) -> str:
    """A random name: the uploader's file name never reaches the disk or a URL."""
    return f"spaces/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


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
