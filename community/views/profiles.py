"""A person's own profile: the name others see, how often they get e-mail, the provider accounts
they sign in with."""

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.forms import DisconnectForm
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
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
    providers = get_adapter(request).list_providers(request)
    connections = [_connection(account) for account in selectors.connected_accounts_for(request.user)]
    connected = {connection["account"].provider for connection in connections}
    to_connect = [provider for provider in providers if provider.sub_id not in connected]
    context = {"form": form, "profile": current, "connections": connections, "providers_to_connect": to_connect}
    return render(request, "community/profile.html", context)


def _connection(account: SocialAccount) -> dict:
    """A provider account as the profile lists it; one whose provider is no longer configured is still
    listed, by its provider's id and subject; allauth cannot remove it until the provider is back."""
    try:
        described = account.get_provider_account()
    except SocialApp.DoesNotExist:
        return {"account": account, "provider": account.provider, "identifier": account.uid, "removable": False}
    name, identifier = described.get_brand()["name"], described.to_str()
    return {"account": account, "provider": name, "identifier": identifier, "removable": True}


@login_required
@require_http_methods(["POST"])
def disconnect_account(request, pk):
    """Remove one of the user's provider accounts; allauth's form refuses to remove the last way to
    sign in (no password, or no verified address to reset it with)."""
    account = get_object_or_404(selectors.connected_accounts_for(request.user), pk=pk)
    if not _connection(account)["removable"]:
        raise Http404
    form = DisconnectForm({"account": account.pk}, request=request)
    if form.is_valid():
        form.save()
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("community:profile")
