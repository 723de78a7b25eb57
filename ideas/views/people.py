"""A person's page: their ideas and comments, as far as the viewer may see them."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ideas import selectors
from ideas.views.lists import PAGE_SIZE

RECENT_COMMENTS = 20


@require_GET
def person(request, username):
    person = selectors.person_for(username)
    ideas = selectors.authored_ideas_for(request.user, person)
    context = {
        "person": person,
        "page_obj": Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("page")),
        "comments": selectors.authored_comments_for(request.user, person)[:RECENT_COMMENTS],
    }
    return render(request, "ideas/person.html", context)
