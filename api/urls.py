from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import views

app_name = "api"

router = SimpleRouter()
router.register("ideas", views.IdeaViewSet, basename="idea")
router.register("links", views.TrackerLinkViewSet, basename="link")

urlpatterns = [
    path("spaces/", views.SpaceList.as_view(), name="spaces"),
    path("categories/", views.CategoryList.as_view(), name="categories"),
    path("statuses/", views.StatusList.as_view(), name="statuses"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[]), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[]), name="docs"),
    *router.urls,
    re_path(r"^.*$", views.NotFound.as_view()),
]
