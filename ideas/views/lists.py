"""Lists: every idea the viewer may see, the spaces, and one space with its ideas."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ideas import selectors
from ideas.forms import IdeaFilterForm
from ideas.models import TRENDING_HALF_DAY
from ideas.pagination import CachedCountPaginator

PAGE_SIZE = 20


def _idea_list(request, *, space=None):
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
    }
    return render(request, "ideas/idea_list.html", context)


@require_GET
def idea_list(request):
    return _idea_list(request)


@require_GET
def space_detail(request, slug):
    return _idea_list(request, space=selectors.space_for(request.user, slug))


@require_GET
def space_list(request):
    return render(request, "ideas/space_list.html", {"spaces": selectors.spaces_for(request.user)})
