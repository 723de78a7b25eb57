"""The back office (Wagtail admin) for the categories of each space, campaigns, status labels, and the
moderation queue; dashboard panels for the queue and this week's new ideas."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from community import access
from ideas.admin.campaigns import CampaignViewSet, NewIdeasPanel, StatusLabelViewSet
from ideas.admin.moderation import URL_NAME, ModerationPanel, ModerationQueueView, moderation_menu_item
from ideas.models import Category


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "tag"
    add_to_admin_menu = True
    form_fields = ["space", "name", "slug"]
    list_display = ["name", "space", "slug"]
    list_filter = ["space"]
    search_fields = ["name", "slug"]


@hooks.register("register_admin_viewset")
def register_category_viewset():
    return CategoryViewSet("categories")


@hooks.register("register_admin_viewset")
def register_campaign_viewset():
    return CampaignViewSet("campaigns")


@hooks.register("register_admin_viewset")
def register_status_label_viewset():
    return StatusLabelViewSet("status_labels")


@hooks.register("register_admin_urls")
def register_moderation_queue_url():
    return [path("moderation/", ModerationQueueView.as_view(), name=URL_NAME)]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return moderation_menu_item()


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if access.moderated_spaces(request.user).exists():
        panels.append(ModerationPanel(request.user))


@hooks.register("construct_homepage_panels")
def add_new_ideas_panel(request, panels):
    panels.append(NewIdeasPanel(request.user))
