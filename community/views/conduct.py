"""The moderators' page about a person: their trust level, suspensions and warnings, and the
forms to warn, suspend and lift a suspension. The services decide who may do what."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import access, selectors
from community import services as community_services
from community.forms.conduct import LiftForm, SuspendForm, WarnForm
from community.models import User

PAGE = "community/person_record.html"


def _person(viewer: User, username: str) -> User:
    person = selectors.person_for(viewer, username)
    if person is None:
        raise Http404
    return person


def _forms(viewer: User, data=None, *, which: str = "") -> dict:
    spaces = access.moderated_spaces(viewer).order_by("name")
    return {
        "warn_form": WarnForm(data if which == "warn" else None, spaces=spaces),
        "suspend_form": SuspendForm(
            data if which == "suspend" else None, spaces=spaces, whole_site=access.can_moderate_site(viewer)
        ),
    }


def _page(request, person: User, *, status: int = 200, **forms):
    viewer = request.user
    context = {
        "person": person,
        "trust_level": access.trust_level(person),
        "suspensions": selectors.suspensions_for(viewer, person),
        "warnings": selectors.warnings_for(viewer, person),
        "lift_form": LiftForm(),
        "now": timezone.now(),
        **_forms(viewer),
        **forms,
    }
    return render(request, PAGE, context, status=status)


def _refused(request, person: User, form, refusal, *, name: str):
    form.add_error(None, " ".join(getattr(refusal, "messages", None) or [str(refusal)]))
    return _page(request, person, status=403 if isinstance(refusal, PermissionDenied) else 400, **{name: form})


@login_required
@require_GET
def person_record(request, username: str):
    return _page(request, _person(request.user, username))


@login_required
@require_POST
def warn(request, username: str):
    person = _person(request.user, username)
    form = _forms(request.user, request.POST, which="warn")["warn_form"]
    if not form.is_valid():
        return _page(request, person, status=400, warn_form=form)
    try:
        community_services.warn_user(
            request.user, person, space=form.cleaned_data["space"], reason=form.cleaned_data["reason"]
        )
    except (PermissionDenied, ValidationError) as refusal:
        return _refused(request, person, form, refusal, name="warn_form")
    messages.success(request, _("%(name)s is warned.") % {"name": person.display_name})
    return redirect("community:person_record", username=username)


@login_required
@require_POST
def suspend(request, username: str):
    person = _person(request.user, username)
    form = _forms(request.user, request.POST, which="suspend")["suspend_form"]
    if not form.is_valid():
        return _page(request, person, status=400, suspend_form=form)
    try:
        community_services.suspend_user(
            request.user, person, space=form.space, until=form.ends_at, reason=form.cleaned_data["reason"]
        )
    except (PermissionDenied, ValidationError) as refusal:
        return _refused(request, person, form, refusal, name="suspend_form")
    messages.success(request, _("%(name)s is suspended.") % {"name": person.display_name})
    return redirect("community:person_record", username=username)


@login_required
@require_POST
def lift(request, pk: int):
    suspension = selectors.suspension_for(request.user, pk)
    if suspension is None:
        raise Http404
    try:
        community_services.lift_suspension(request.user, suspension, reason=request.POST.get("reason", ""))
    except (PermissionDenied, ValidationError) as refusal:
        return _refused(request, suspension.user, LiftForm(request.POST), refusal, name="lift_form")
    messages.success(request, _("The suspension is lifted."))
    return redirect("community:person_record", username=suspension.user.username)
