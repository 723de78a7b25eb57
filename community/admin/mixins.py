"""Back-office (Wagtail admin) views whose writes go through a service, for every app's admin.

Wagtail's create, edit and delete views save the model themselves; these mixins hand the work to
a service instead, so its permission check, transaction and moderation log apply, and show a
service's refusal in the admin.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect


class WrittenByService:
    """Create and edit views whose form is written by a service (their `write`); a refusal is shown on
    the form, under the object's title as it still is (the form already set what was typed on it)."""

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.write(form.cleaned_data)
        except (PermissionDenied, ValidationError) as refusal:
            form.add_error(None, refusal if isinstance(refusal, ValidationError) else str(refusal))
            if form.instance.pk is not None:
                form.instance.refresh_from_db()
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()


class RefusalAsMessage:
    """Confirmation views (delete and the like) whose `delete_action` calls a service that may refuse:
    the refusal is shown as a message and nothing changes."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:
            messages.error(self.request, " ".join(refusal.messages))
            return redirect(self.get_success_url())
