"""Sharing an idea, and the similar ideas shown while its title is typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from community.ratelimits import within_rate_limit
from community.selectors.terms import terms_to_accept_for
from community.services import accept_terms
from ideas import selectors, services
from ideas.forms import IdeaForm
from ideas.models import TITLE_MAX_LENGTH
from ideas.selectors.site import accepts_ideas
from ideas.views.htmx import is_htmx


def _field_of(error: ValidationError) -> str | None:
    """Image checks raise plain errors (codes image_*); show them beside the image input."""
    if all((item.code or "").startswith("image_") for item in error.error_list):
        return "images"
    return None


def _only_slug(spaces) -> str | None:
    """The space to preselect when there is no other choice."""
    slugs = list(spaces.values_list("slug", flat=True)[:2])
    return slugs[0] if len(slugs) == 1 else None


def _terms_to_accept(user, spaces, slug: str | None):
    """The current terms `user` has yet to accept to post in the space `slug` (only the site's without one)."""
    space = spaces.filter(slug=slug).first() if slug else None
    return terms_to_accept_for(user, space)


@login_required
@require_http_methods(["GET", "POST"])
def submit_idea(request):
    """Post an idea. Terms not accepted yet are shown with a checkbox; ticking it accepts them and posts
    the idea in one transaction, so a refused idea leaves no acceptance behind either.

    `?campaign=<slug>` answers a campaign: its space is preselected and its question shown."""
    spaces = selectors.contributable_spaces_for(request.user)
    campaigns = selectors.campaigns_for(request.user).filter(space__in=spaces)
    campaign = closed_campaign = None
    status = 200
    if request.method == "POST":
        pending_terms = _terms_to_accept(request.user, spaces, request.POST.get("space"))
        form = IdeaForm(request.POST, request.FILES, spaces=spaces, pending_terms=pending_terms, campaigns=campaigns)
        campaign = campaigns.filter(slug=request.POST.get("campaign") or None).first()
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                with within_rate_limit(request, "submit"), transaction.atomic():
                    for terms in pending_terms:
                        accept_terms(request.user, terms)
                    idea = services.submit_idea(
                        request.user,
                        data["space"],
                        data["title"],
                        data["body"],
                        category=data["category"],
                        problem=data["problem"],
                        images=data["images"],
                        tags=data["tags"],
                        campaign=data["campaign"],
                    )
            except PermissionDenied as error:
                form.add_error(None, str(error))
                status = 403
            except ValidationError as error:
                form.add_error(None if hasattr(error, "error_dict") else _field_of(error), error)
            else:
                messages.success(request, _("Your idea is posted. Your vote is counted and you follow it."))
                return redirect(idea)
    else:
        slug = request.GET.get("space") or _only_slug(spaces)
        if request.GET.get("campaign"):
            campaign = selectors.campaign_for(request.user, request.GET["campaign"])
            slug = campaign.space.slug
            if not accepts_ideas(campaign):
                campaign, closed_campaign = None, campaign
        pending_terms = _terms_to_accept(request.user, spaces, slug)
        initial = {"space": slug, "campaign": campaign.slug if campaign else None}
        form = IdeaForm(initial=initial, spaces=spaces, pending_terms=pending_terms, campaigns=campaigns)
    context = {
        "form": form,
        "campaign": campaign,
        "closed_campaign": closed_campaign,
        "can_post": spaces.exists(),
        "images_dropped": bool(request.FILES) and bool(form.errors),
    }
    return render(request, "ideas/idea_form.html", context, status=status)


@require_GET
@vary_on_headers("HX-Request")
def similar_ideas(request):
    """Up to five visible ideas like the title being typed; the piece htmx swaps, or a page."""
    title = request.GET.get("title", "")[: TITLE_MAX_LENGTH * 2]
    slug = request.GET.get("space", "")
    space = selectors.space_for(request.user, slug) if slug else None
    context = {"title": title, "ideas": selectors.similar_ideas_for(request.user, title, space=space)}
    template = "ideas/similar_ideas.html#results" if is_htmx(request) else "ideas/similar_ideas.html"
    return render(request, template, context)
