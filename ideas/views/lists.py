"""Lists: every idea the viewer may see, the spaces, and one space's landing page with its ideas."""

import re

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from community.selectors import members_for
from ideas import selectors
from ideas.forms import IdeaFilterForm
from ideas.models import TRENDING_HALF_DAY
from ideas.pagination import CachedCountPaginator

PAGE_SIZE = 20
# A space's landing page lists this many members; a larger space says how many more.
MEMBERS_SHOWN = 100
# Checked again here, not only by the model's validator: the value is written into CSS.
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _idea_list(request, *, space=None, template="ideas/idea_list.html", **extra):
    categories = list(selectors.categories_for(space)) if space else []
    form = IdeaFilterForm(request.GET, viewer=request.user, space=space, categories=categories)
    filters = form.filters()
    ideas = selectors.filtered_ideas_for(request.user, filters)
    context = {
        "space": space,
        "categories": categories,
        "form": form,
        "filters": filters,
        "page_obj": CachedCountPaginator(ideas, PAGE_SIZE).get_page(request.GET.get("page")),
        "trending_hours": TRENDING_HALF_DAY / 3600,
        **extra,
    }
    return render(request, template, context)


@require_GET
def idea_list(request):
    return _idea_list(request)


@require_GET
def space_detail(request, slug):
    space = selectors.space_for(request.user, slug)
    members = list(members_for(request.user, space)[: MEMBERS_SHOWN + 1])
    return _idea_list(
        request,
        space=space,
        template="ideas/space_detail.html",
        members=members[:MEMBERS_SHOWN],
        more_members=len(members) > MEMBERS_SHOWN,
        themed=bool(COLOUR.fullmatch(space.accent_colour)),
    )


@require_GET
@cache_control(private=True, max_age=3600)
def space_theme(request, slug):
    """The space's accent colour as a style sheet: the CSP allows no inline style."""
    space = selectors.space_for(request.user, slug)
    if not COLOUR.fullmatch(space.accent_colour):
        raise Http404("This space has no accent colour.")
    return HttpResponse(f".space-landing {{ --space-accent: {space.accent_colour}; }}\n", content_type="text/css")


@require_GET
def space_list(request):
    return render(request, "ideas/space_list.html", {"spaces": selectors.spaces_for(request.user)})
