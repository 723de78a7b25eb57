"""Plain text that other people read: what it may and may not contain."""

import pytest
from django.core.exceptions import ValidationError

from community.validators import normalise_plain_text, validate_plain_text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Zoë 🚀", id="accent-and-4-byte-emoji"),
        pytest.param("Ada Lovelace", id="ascii"),
        pytest.param("O'Brien-Smith, Jr.", id="punctuation"),
        pytest.param("東京 Україна العربية", id="other-scripts"),
        pytest.param("👍🏽", id="emoji-with-skin-tone"),
        pytest.param("", id="empty"),
    ],
)
def test_ordinary_text_is_accepted(text):
    validate_plain_text(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Zoë\u202eelpmaxE", id="right-to-left-override"),
        pytest.param("Zoë\u200bExample", id="zero-width-space"),
        pytest.param("Zoë\x00", id="null"),
        pytest.param("Zoë\x07", id="bell"),
        pytest.param("a\u2066b\u2069", id="bidi-isolate"),
        pytest.param("\ufeffZoë", id="byte-order-mark"),
        pytest.param("Zoë\ue000", id="private-use"),
    ],
)
def test_hidden_and_control_characters_are_refused(text):
    with pytest.raises(ValidationError) as refused:
        validate_plain_text(text)

    assert refused.value.code == "invisible_characters"
    assert refused.value.messages == [
        "Remove invisible or control characters (such as direction overrides or zero-width spaces)."
    ]


def test_normalising_composes_characters_and_trims_spaces():
    assert normalise_plain_text("  Zoe\u0308 \n") == "Zo\u00eb"
