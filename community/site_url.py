"""Links that are read away from the site (e-mails, webhook payloads, invitations), where no request
says which address the portal answers at: they start with the `SITE_URL` setting."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """The portal's public address of `path` ("/ideas/7/" → "https://ideas.example.com/ideas/7/")."""
    return settings.SITE_URL.rstrip("/") + path
