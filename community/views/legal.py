"""Pages about what people agree to and what the portal keeps of them: the submission terms, the
download of one's data, and deleting one's account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from community import personal_data, selectors, services
from community.forms import DeleteAccountForm


@require_GET
def site_terms(request):
    """The site's submission terms in force, which everyone accepts before posting an idea."""
    terms, _space_terms = selectors.current_terms(None)
    return render(request, "community/terms.html", {"terms": terms, "space": None})


@require_GET
def space_terms(request, slug: str):
    """A space's own terms, on top of the site's: for those who can see the space."""
    found = selectors.space_terms_for(request.user, slug)
    if found is None:
        raise Http404("No space matches the given query.")
    space, terms = found
    return render(request, "community/terms.html", {"terms": terms, "space": space})


@login_required
@require_GET
def download_data(request):
    """Everything the signed-in person gave the portal, as a JSON file."""
    response = JsonResponse(
        personal_data.export(request.user), encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Delete one's own account, once confirmed by typing one's e-mail address or password."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("/")
    context = {"form": form, "removes_content": settings.ACCOUNT_DELETION_CONTENT == personal_data.REMOVE}
    return render(request, "community/delete_account.html", context, status=400 if form.is_bound else 200)
