"""What publishing a page sets in motion: a changelog entry ships the ideas it names."""

from wagtail.signals import page_published

from cms.pages.changelog import ChangelogEntryPage
from ideas.services import ship_ideas


def ship_linked_ideas(sender, instance: ChangelogEntryPage, revision, **kwargs) -> None:
    """Mark the entry's ideas shipped and tell their voters, on every publish: ideas already
    shipped (by an earlier publish or otherwise) are left alone, so each is announced once.
    The publisher must moderate the ideas' spaces; otherwise nothing is shipped."""
    ideas = [link.idea for link in instance.shipped_ideas.select_related("idea")]
    if not ideas:
        return
    actor = revision.user if revision is not None and revision.user is not None else instance.owner
    ship_ideas(actor, ideas, message=instance.title, url=instance.full_url or "")


def connect() -> None:
    page_published.connect(ship_linked_ideas, sender=ChangelogEntryPage, dispatch_uid="cms.ship_linked_ideas")
