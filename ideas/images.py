"""Checking and re-encoding images that people attach to ideas.

An upload is trusted by nothing it says about itself (name, content type): Pillow must
recognise it as a raster image of an allowed format, its pixel count is checked from
the header before any decoding (decompression bombs), and what is stored is a fresh
encoding of the pixels — no EXIF (location, camera), no trailing payload.
"""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGES_PER_IDEA = 5
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}


def reencode_image(upload) -> ContentFile:
    """A clean copy of `upload` as PNG (if it has transparency) or JPEG, or ValidationError."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("%(name)s is larger than 5 MB.") % {"name": upload.name}, code="image_too_large")
    try:
        with Image.open(upload) as image:
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("%(name)s is not a JPEG, PNG, GIF or WebP image.") % {"name": upload.name}, code="image_format"
                )
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("%(name)s has too many pixels (40 megapixels at most).") % {"name": upload.name},
                    code="image_pixels",
                )
            image.load()
            pixels = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise ValidationError(
            _("%(name)s could not be read as an image.") % {"name": upload.name}, code="image_invalid"
        ) from error
    has_alpha = pixels.mode in {"RGBA", "LA", "PA"} or "transparency" in pixels.info
    output = BytesIO()
    if has_alpha:
        pixels.convert("RGBA").save(output, format="PNG", optimize=True)
        extension = "png"
    else:
        pixels.convert("RGB").save(output, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(output.getvalue(), name=f"image.{extension}")
