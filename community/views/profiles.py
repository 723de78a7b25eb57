"""A person's own profile: the name others see, and how often they get e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import selectors, services
from community.forms import ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """The signed-in user's own profile: the name others see, and how often they get e-mail."""
    current = selectors.profile_for(request.user)
    # Bound on every POST, even an empty one, so a missing name is reported, not ignored.
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, initial={"display_name": current.display_name, "email_frequency": current.email_frequency})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                request.user,
                display_name=form.cleaned_data["display_name"],
                email_frequency=form.cleaned_data["email_frequency"] or None,
            )
        except ValidationError as error:
            form.add_error("display_name", error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("community:profile")
    return render(request, "community/profile.html", {"form": form, "profile": current})
