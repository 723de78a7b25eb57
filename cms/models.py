"""Wagtail page types of the public site (each in its module under cms.pages)."""

from cms.pages.campaign import CampaignPage
from cms.pages.changelog import ChangelogEntryIdea, ChangelogEntryPage, ChangelogIndexPage
from cms.pages.home import HomePage
from cms.pages.roadmap import RoadmapPage
from cms.pages.standard import StandardPage

__all__ = [
    "CampaignPage",
    "ChangelogEntryIdea",
    "ChangelogEntryPage",
    "ChangelogIndexPage",
    "HomePage",
    "RoadmapPage",
    "StandardPage",
]
