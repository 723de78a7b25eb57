"""The portal's URLs plus the bare view the benchmark compares with (bench server only)."""

from django.http import HttpResponse
from django.urls import path

from ideas.models import Idea
from portal.urls import urlpatterns as portal_urlpatterns

BARE_PATH = "/bench/bare/"


def bare_ideas(request):
    """Fifty rows of the idea table, with no access rule, join or template: the floor to compare with."""
    ideas = Idea.objects.order_by("-trending_score")[:50]
    return HttpResponse("\n".join(idea.title for idea in ideas), content_type="text/plain; charset=utf-8")


urlpatterns = [path(BARE_PATH.lstrip("/"), bare_ideas), *portal_urlpatterns]
