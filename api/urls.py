from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from api.views import ideas as views
from api.views import webhooks as webhook_views

app_name = "api"

# Path converters, not regular expressions: `<id:pk>` (community.converters) bounds the ids.
router = SimpleRouter(use_regex_path=False)
router.register("ideas", views.IdeaViewSet, basename="idea")
router.register("links", views.TrackerLinkViewSet, basename="link")
router.register("webhooks", webhook_views.WebhookViewSet, basename="webhook")

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("spaces/", views.SpaceList.as_view(), name="spaces"),
    path("categories/", views.CategoryList.as_view(), name="categories"),
    path("statuses/", views.StatusList.as_view(), name="statuses"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[]), name="schema"),
    path("docs/", views.ApiDocs.as_view(), name="docs"),
    *router.urls,
    re_path(r"^.*$", views.NotFound.as_view()),
]
