"""Validators for text that other people will read (names, titles, reasons, comments).

Control characters, bidirectional overrides and zero-width characters can hide or
reorder text so that what a reader sees is not what was written; they are refused
with a message rather than silently dropped, so nothing the user typed is lost.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode "other" categories: control (Cc), format (Cf: bidi overrides, zero-width
# joiners and spaces), private use (Co), unassigned (Cn), surrogates (Cs).
_REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Cs"}


def validate_plain_text(value: str) -> None:
    if any(unicodedata.category(char) in _REFUSED_CATEGORIES for char in value):
        raise ValidationError(
            _("Remove invisible or control characters (such as direction overrides or zero-width spaces)."),
            code="invisible_characters",
        )


def normalise_plain_text(value: str) -> str:
    """Compose Unicode (NFC) and trim, so equal-looking text is stored equally."""
    return unicodedata.normalize("NFC", value).strip()


def clean_text(value: str, *, field: str, limit: int, required: bool = False, empty_message: str = "") -> str:
    """What someone typed in a text box: line ends made "\\n", trimmed, and its length checked.

    Raises a ValidationError on `field`; `empty_message` says what a required box is for.
    """
    value = str(value or "").replace("\r\n", "\n").strip()
    if required and not value:
        raise ValidationError({field: empty_message or _("This field cannot be empty.")})
    if len(value) > limit:
        raise ValidationError(
            {field: _("Keep it under %(limit)s characters (now %(length)s).") % {"limit": limit, "length": len(value)}}
        )
    return value
