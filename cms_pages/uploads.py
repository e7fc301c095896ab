"""Editors' uploads: Wagtail's image and document forms, with checks that turn
a bad file into a sentence on the form, never a server error, and store nothing.

Wired in as Wagtail's base forms (``WAGTAILIMAGES_IMAGE_FORM_BASE`` and
``WAGTAILDOCS_DOCUMENT_FORM_BASE`` in config/settings/base.py), so the "Add an
image" page, the multiple upload, the choosers' upload tabs and replacing a file
on the edit page all check the same way.

Images: Wagtail reads only an image's header before it stores it, and Pillow's
errors for a broken file (a "GIF" that is HTML after six bytes, a PNG cut short)
escape its form field as a 500. Here every frame is decoded once (Wagtail has
already refused files with too many pixels, so this is bounded), and a file that
carries a web page or script next to the picture is refused, as is SVG.
Documents: the content must be what the name says (a ``.pdf`` is a PDF, a
``.docx`` an Office zip, a ``.txt`` text), so nothing else hides behind a
harmless name.
"""

import re
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageSequence
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# Web page or script code. Long enough that compressed picture data does not
# match by chance (a 4-byte pattern would, in about one large photo in fifty).
MARKUP = re.compile(
    rb"<(?:script|html|body|iframe)[\s>/]|<!doctype|<\?php|javascript:",
    re.IGNORECASE,
)


def _content(upload: UploadedFile) -> bytes:
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return content


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, also refusing what Pillow cannot read to the end,
    SVG, and pictures with markup inside."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["svg"] = _(
            "SVG images are not accepted: they can carry scripts. Please upload "
            "a PNG or JPEG instead."
        )
        self.error_messages["markup"] = _(
            "This image also contains web page or script code, so it was not "
            "stored. Please export the picture again (for example as PNG or "
            "JPEG) and upload that."
        )

    def to_python(self, data):
        try:
            upload = super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - Pillow's errors vary by format
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        if upload is None:
            return None
        if upload.image.format_name == "svg":
            raise ValidationError(self.error_messages["svg"], code="svg")
        content = _content(upload)
        self._decode(upload)
        if MARKUP.search(content):
            raise ValidationError(self.error_messages["markup"], code="markup")
        return upload

    def _decode(self, upload: UploadedFile) -> None:
        """Decode every frame, as making renditions will."""
        try:
            with PILImage.open(upload) as image:
                for frame in ImageSequence.Iterator(image):
                    frame.load()
        except Exception as error:  # noqa: BLE001 - as above
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        finally:
            upload.seek(0)


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form with ``CheckedImageField`` for the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            # Replaced here, not declared on the class: a declared field would
            # also appear in the multiple upload's edit form, which has no file.
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )


# --- Documents ------------------------------------------------------------------

_BINARY_STARTS = (
    b"GIF8",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"MZ",
    b"\x7fELF",
)


def _is_pdf(head: bytes, upload: UploadedFile) -> bool:
    return b"%PDF-" in head[:1024]


def _office_zip(upload: UploadedFile) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _is_office_open_xml(head: bytes, upload: UploadedFile) -> bool:
    archive = _office_zip(upload)
    return archive is not None and "[Content_Types].xml" in archive.namelist()


def _is_open_document(head: bytes, upload: UploadedFile) -> bool:
    archive = _office_zip(upload)
    if archive is None or "mimetype" not in archive.namelist():
        return False
    with archive.open("mimetype") as mimetype:
        return mimetype.read(100).startswith(b"application/vnd.oasis.opendocument")


def _is_text(head: bytes, upload: UploadedFile) -> bool:
    return b"\x00" not in head and not head.startswith(_BINARY_STARTS)


# What a document's content must be, by the end of its name.
DOCUMENT_CONTENT = {
    "pdf": (_is_pdf, _("a PDF")),
    "docx": (_is_office_open_xml, _("a Word document")),
    "xlsx": (_is_office_open_xml, _("an Excel workbook")),
    "pptx": (_is_office_open_xml, _("a PowerPoint presentation")),
    "odt": (_is_open_document, _("an OpenDocument text")),
    "txt": (_is_text, _("plain text")),
    "csv": (_is_text, _("plain text")),
}


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing a file whose content is not what its
    name says."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # no new file (editing the title, say)
        extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
        if extension not in DOCUMENT_CONTENT:
            return upload  # Wagtail refuses names it does not allow
        check, kind = DOCUMENT_CONTENT[extension]
        try:
            upload.seek(0)
            head = upload.read(8192)
            upload.seek(0)
            matches = check(head, upload)
        except Exception:  # noqa: BLE001 - a broken file is simply not a match
            matches = False
        finally:
            upload.seek(0)
        if not matches:
            raise ValidationError(
                _(
                    "This file is not really %(kind)s, although its name ends in "
                    ".%(extension)s, so it was not stored. Please save it again "
                    "as .%(extension)s and upload that."
                ),
                code="content_mismatch",
                params={"kind": kind, "extension": extension},
            )
        return upload
