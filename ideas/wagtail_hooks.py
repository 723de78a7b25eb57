"""The back office (Wagtail admin) for the categories of each space."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

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
