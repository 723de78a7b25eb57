"""The demo's public site: the pages an editor would make in the back office, from ``site.toml``.

About, FAQ, terms and privacy, the roadmap, a changelog with two entries (publishing the second
ships its ideas, as it would for real) and an open campaign with its page. The sections (all but
the campaign and the entries) are in the home page's menu. Pages are found by slug under the home
page: one that exists is left alone, so running again adds nothing.
"""

import tomllib
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from cms.models import (
    CampaignPage,
    ChangelogEntryIdea,
    ChangelogEntryPage,
    ChangelogIndexPage,
    HomePage,
    RoadmapPage,
    StandardPage,
)
from community.models import Space, User
from ideas.models import Campaign, Idea
from ideas.services import create_campaign

CONTENT = Path(__file__).with_name("site.toml")


def seed_site(editor: User) -> int:
    """Build the site tree under the home page as `editor`; how many pages were added.

    A database without a home page (the migrations make one; a flushed test database has none)
    gets no site.
    """
    home = HomePage.objects.first()
    if home is None:
        return 0
    content = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    pages = [
        _standard_page(content["about"], _about_body(content["about"])),
        _standard_page(content["faq"], _faq_body(content["faq"])),
        _standard_page(content["legal"], [("rich_text", content["legal"]["body"])]),
        RoadmapPage(**{name: content["roadmap"][name] for name in ("title", "slug", "intro")}),
        _campaign_page(content["campaign"], editor),
    ]
    added = sum(_publish_under(home, page, editor) for page in pages)
    return added + _seed_changelog(home, content["changelog"], editor)


def _about_body(spec: dict) -> list[tuple[str, object]]:
    action = {
        "heading": spec["cta_heading"],
        "text": spec["cta_text"],
        "page": None,
        "link_url": spec["cta_url"],
        "button_label": spec["cta_label"],
    }
    return [("rich_text", spec["intro"]), ("call_to_action", action)]


def _faq_body(spec: dict) -> list[tuple[str, object]]:
    return [("faq", {"heading": spec["heading"], "questions": spec["questions"]})]


def _standard_page(spec: dict, body: list[tuple[str, object]]) -> StandardPage:
    return StandardPage(title=spec["title"], slug=spec["slug"], body=body)


@transaction.atomic
def _publish_under(parent: Page, page: Page, editor: User) -> bool:
    """Add `page` under `parent` and publish it as `editor`, unless a page of its slug is there."""
    if parent.get_children().filter(slug=page.slug).exists():
        return False
    page.owner = editor
    page.show_in_menus = not isinstance(page, (CampaignPage, ChangelogEntryPage))
    parent.add_child(instance=page)
    page.save_revision(user=editor).publish(user=editor)
    return True


def _campaign_page(spec: dict, editor: User) -> CampaignPage:
    campaign = Campaign.objects.filter(slug=spec["slug"]).first()
    if campaign is None:
        now = timezone.now()
        campaign = create_campaign(
            editor,
            stage=Campaign.Stage.OPEN,
            space=Space.objects.get(slug=spec["space"]),
            title=spec["title"],
            slug=spec["slug"],
            question=spec["question"],
            description=spec["description"],
            success_criteria=spec["success_criteria"],
            starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=spec["days_open"]),
        )
    return CampaignPage(title=spec["title"], slug=spec["slug"], campaign=campaign, intro=spec["page_intro"])


def _seed_changelog(home: HomePage, spec: dict, editor: User) -> int:
    index = ChangelogIndexPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
    added = int(_publish_under(home, index, editor))
    index = home.get_children().get(slug=spec["slug"]).specific
    for entry_spec in spec["entries"]:
        entry = ChangelogEntryPage(
            title=entry_spec["title"],
            slug=entry_spec["slug"],
            release_date=timezone.localdate() - timedelta(days=entry_spec["days_ago"]),
            notes=entry_spec["notes"],
        )
        entry.shipped_ideas = [ChangelogEntryIdea(idea=Idea.objects.get(title=title)) for title in entry_spec["ideas"]]
        added += _publish_under(index, entry, editor)
    return added
