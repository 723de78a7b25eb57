"""Images attached to ideas: judged by their content, stored as a fresh encoding of the pixels."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ideas.images import MAX_IMAGE_BYTES, reencode_image

CAMERA_MAKE = 0x010F
GPS_IFD = 0x8825
GPS_LATITUDE_REF = 1


def image_bytes(format_: str = "PNG", *, size=(64, 48), mode="RGB", exif: Image.Exif | None = None) -> bytes:
    output = BytesIO()
    options = {"exif": exif.tobytes()} if exif is not None else {}
    Image.new(mode, size, color=1 if mode == "1" else "teal").save(output, format=format_, **options)
    return output.getvalue()


def upload(content: bytes, name: str = "photo.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def photo_with_location() -> bytes:
    exif = Image.Exif()
    exif[CAMERA_MAKE] = "Canon"
    exif.get_ifd(GPS_IFD)[GPS_LATITUDE_REF] = "N"
    return image_bytes("JPEG", exif=exif)


def refusal_code(content: bytes, name: str = "photo.png") -> str:
    with pytest.raises(ValidationError) as refused:
        reencode_image(upload(content, name))
    return refused.value.code


@pytest.mark.parametrize("format_", ["PNG", "JPEG", "GIF", "WEBP"])
def test_a_real_image_is_accepted_and_re_encoded(format_):
    clean = reencode_image(upload(image_bytes(format_), f"picture.{format_.lower()}"))

    with Image.open(BytesIO(clean.read())) as stored:
        assert stored.format in {"JPEG", "PNG"}
        assert stored.size == (64, 48)


def test_the_location_and_camera_are_stripped():
    original = photo_with_location()
    with Image.open(BytesIO(original)) as check:
        assert check.getexif()[CAMERA_MAKE] == "Canon"

    clean = reencode_image(upload(original, "holiday.jpg", "image/jpeg")).read()

    with Image.open(BytesIO(clean)) as stored:
        assert not stored.getexif()
        assert "exif" not in stored.info
    assert b"Canon" not in clean


def test_transparency_survives_as_png():
    clean = reencode_image(upload(image_bytes("PNG", mode="RGBA")))

    with Image.open(BytesIO(clean.read())) as stored:
        assert (stored.format, stored.mode) == ("PNG", "RGBA")


def test_a_payload_appended_to_an_image_is_not_stored():
    polyglot = image_bytes("PNG") + b"<html><script>alert(document.cookie)</script></html>"

    clean = reencode_image(upload(polyglot)).read()

    assert b"<script>" not in clean


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body><script>alert(1)</script></body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"%PDF-1.4\n1 0 obj << >> endobj\n",
        b"",
    ],
    ids=["html", "svg", "pdf", "empty"],
)
def test_anything_that_is_not_a_raster_image_is_refused_whatever_its_name(content):
    assert refusal_code(content, "innocent.png") == "image_invalid"


def test_an_image_format_outside_the_list_is_refused():
    assert refusal_code(image_bytes("BMP"), "picture.png") == "image_format"


def test_a_file_over_five_megabytes_is_refused_before_it_is_read():
    assert refusal_code(image_bytes("PNG") + b"\0" * MAX_IMAGE_BYTES) == "image_too_large"


def test_a_decompression_bomb_is_refused_from_its_header_before_decoding():
    bomb = image_bytes("PNG", size=(8000, 6000), mode="1")
    assert len(bomb) < 50_000  # tiny on disk, 48 megapixels once decoded
    # Cut the pixel data short: decoding would fail as "could not be read", so the
    # pixel-count refusal proves the header was judged first.
    header_only = bomb[: bomb.index(b"IDAT") + 20]

    assert refusal_code(bomb) == "image_pixels"
    assert refusal_code(header_only) == "image_pixels"


def test_a_bomb_beyond_pillows_own_limit_is_refused_too():
    assert refusal_code(image_bytes("PNG", size=(20000, 20000), mode="1")) in {"image_pixels", "image_invalid"}


def test_a_truncated_image_is_refused():
    assert refusal_code(image_bytes("JPEG")[:200], "photo.jpg") == "image_invalid"
