"""Validators for short plain text that other people will read (names, titles).

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
