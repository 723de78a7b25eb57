from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from api.views import ideas, reference, root, trackers, webhooks

app_name = "api"

# Path converters, not regular expressions: `<id:pk>` (community.converters) bounds the ids.
router = SimpleRouter(use_regex_path=False)
router.register("ideas", ideas.IdeaViewSet, basename="idea")
router.register("links", trackers.TrackerLinkViewSet, basename="link")
router.register("webhooks", webhooks.WebhookViewSet, basename="webhook")

urlpatterns = [
    path("", root.ApiRoot.as_view(), name="root"),
    path("spaces/", reference.SpaceList.as_view(), name="spaces"),
    path("categories/", reference.CategoryList.as_view(), name="categories"),
    path("statuses/", reference.StatusList.as_view(), name="statuses"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[]), name="schema"),
    path("docs/", root.ApiDocs.as_view(), name="docs"),
    *router.urls,
    re_path(r"^.*$", root.NotFound.as_view()),
]
