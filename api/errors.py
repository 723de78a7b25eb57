"""Every API error in one shape: {"error": {"code", "message", "fields"}}.

The services speak Django (PermissionDenied, ValidationError, Http404, and `Conflict`
for a clash with what exists); here they become 403, 400, 404 and 409, and a posting
limit (`RateLimited`) becomes 429 with `Retry-After`.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

from community.ratelimits import RateLimited
from ideas.services import Conflict


class ConflictError(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = _("This clashes with what is already there.")


class SlowDown(exceptions.Throttled):
    """Over a posting limit (`community.ratelimits`): 429 with `Retry-After`, and the site's message."""

    def __init__(self, limited: RateLimited):
        super().__init__(wait=limited.retry_after)
        self.detail = exceptions.ErrorDetail(limited.message, code=self.default_code)


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    """The one shape of every API error."""
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, RateLimited):
        return SlowDown(exc)
    if isinstance(exc, Conflict):
        return ConflictError(" ".join(exc.messages))
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    return exc


def _messages(detail) -> list[str]:
    """A field's messages; a list field's item errors (keyed by index) and a nested object's come flattened."""
    if isinstance(detail, dict):
        return [message for nested in detail.values() for message in _messages(nested)]
    if isinstance(detail, list):
        return [message for item in detail for message in _messages(item)]
    return [str(detail)]


def _message_and_fields(exc: exceptions.APIException, data) -> tuple[str, dict]:
    if not isinstance(exc, exceptions.ValidationError):
        return str(exc.detail), {}
    if isinstance(data, list):
        return " ".join(_messages(data)), {}
    fields = {name: _messages(messages) for name, messages in data.items() if name != "non_field_errors"}
    general = [str(m) for m in data.get("non_field_errors", [])]
    message = " ".join(general) or _("Some fields are not valid: %(names)s.") % {"names": ", ".join(fields)}
    return message, fields


def handle_api_exception(exc: Exception, context) -> Response | None:
    exc = _as_api_exception(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if not isinstance(exc, exceptions.APIException):
        # Django's Http404 and PermissionDenied, already turned into their DRF answers.
        exc = exceptions.NotFound() if response.status_code == 404 else exceptions.PermissionDenied()
    message, fields = _message_and_fields(exc, response.data)
    code = exc.default_code if isinstance(exc, exceptions.ValidationError) else exc.get_codes()
    if not isinstance(code, str):
        code = exc.default_code
    response.data = error_body(code, message, fields)
    return response
