"""Accounts and profiles of the people who take part."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
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
    segment = models.CharField(_("segment"), max_length=16, choices=Segment, default=Segment.CUSTOMER)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name
