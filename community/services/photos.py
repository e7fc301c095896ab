"""Profile photos: what a member uploads is checked, turned upright, shrunk and
re-encoded, so no camera metadata (GPS position, device) ever leaves their phone
for our disk."""

import io
import warnings
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 800
# A phone photo is about 12–50 megapixels; anything far beyond is not a photo.
MAX_PIXELS = 60_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG_QUALITY = 85


def photo_clean(*, upload: IO[bytes], size: int | None = None) -> ContentFile:
    """A JPEG of at most 800×800 pixels without metadata, made from ``upload``.

    Raises ``ValidationError`` with a message for the member when the file is too
    large, is not a JPEG, PNG or WebP image, or is a decompression bomb.
    """
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The photo is too large. Please choose one under 5 MB."),
            code="too_large",
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("Please upload a JPEG, PNG or WebP photo."),
                        code="format",
                    )
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        _(
                            "The photo has too many pixels. Please choose a smaller "
                            "one."
                        ),
                        code="too_many_pixels",
                    )
                image.load()
                image = ImageOps.exif_transpose(image)
                image = _flatten(image)
                image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
                out = io.BytesIO()
                # No exif=, no icc_profile=: the new file carries pixels only.
                image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The photo has too many pixels. Please choose a smaller one."),
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ValidationError(
            _(
                "This file is not a photo we can read. Please upload a JPEG, PNG or "
                "WebP image."
            ),
            code="invalid",
        ) from None
    return ContentFile(out.getvalue(), name="photo.jpg")


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on a white background (JPEG has no transparency)."""
    if image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    ):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
