"""Accounts and profiles of the people who take part."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
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

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "space"], name="one_membership_per_space")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} in {self.space} ({self.role})"


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
