"""An editor who uploads a bad file in the Wagtail admin gets a sentence saying
why, never a server error, and nothing is stored: images through "Add an image",
the multiple upload and the chooser's upload tab, documents the same three ways.
"""

import html
import io
import json
import os
import random
import struct
import zipfile
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"
INVALID = "Upload a valid image. The file you uploaded was either not an image"
EMPTY = "The submitted file is empty."
PIXELS = "This file has too many pixels"
MARKUP = "also contains web page or script code"
SVG_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)


def _noise(size=(64, 64)) -> PILImage.Image:
    rng = random.Random(7)
    return PILImage.frombytes(
        "RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3))
    )


def _saved(image: PILImage.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header says it is ``width`` × ``height``."""
    png = _saved(PILImage.new("RGB", (8, 8)), "PNG")
    header = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", 13) + header + struct.pack(">I", zlib.crc32(header))
    return png[:8] + chunk + png[33:]


def _garbage(length: int) -> bytes:
    return random.Random(0).randbytes(length)


# A GIF's screen and first frame said to be 65,535 pixels square.
GIF_65535 = (
    b"GIF89a\xff\xff\xff\xff\x00\x00\x00"
    b"\x2c\x00\x00\x00\x00\xff\xff\xff\xff\x00\x08\x02\x4c\x01\x00\x3b"
)

GOOD_PNG = _saved(_noise(), "PNG")
GOOD_GIF = _saved(_noise().convert("P"), "GIF")
GOOD_JPEG = _saved(_noise(), "JPEG")

BAD_IMAGES = {
    "gif header then html": ("poly.gif", b"GIF89a" + SCRIPT * 20, INVALID),
    "gif header then garbage": ("noise.gif", b"GIF89a" + _garbage(4000), INVALID),
    "real gif with a script after it": ("appended.gif", GOOD_GIF + SCRIPT, MARKUP),
    "real png with html inside": ("inside.png", GOOD_PNG[:-12] + SCRIPT, MARKUP),
    "png cut short": ("cut.png", GOOD_PNG[: len(GOOD_PNG) // 2], INVALID),
    "jpeg cut short": ("cut.jpg", GOOD_JPEG[: len(GOOD_JPEG) // 2], INVALID),
    "png header only": ("header.png", GOOD_PNG[:40], INVALID),
    "zero bytes": ("empty.png", b"", EMPTY),
    "svg with a script": ("logo.svg", SVG_SCRIPT, "Not a supported image format"),
    "svg with a script named png": ("logo.png", SVG_SCRIPT, None),
    "decompression bomb png": ("bomb.png", _png_claiming(100_000, 100_000), PIXELS),
    "decompression bomb gif": ("bomb.gif", GIF_65535, PIXELS),
    # Under Pillow's bomb limit but over Wagtail's: Pillow reads it to the end.
    "big header, little data": ("big.png", _png_claiming(12_000, 12_000), INVALID),
}


def _stored_files(folder: str) -> set[str]:
    root = os.path.join(settings.MEDIA_ROOT, folder)
    found = set()
    for directory, _dirs, files in os.walk(root):
        found |= {os.path.join(directory, name) for name in files}
    return found


def _text(response) -> str:
    """What the editor reads: the page, or the JSON the admin's script shows."""
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(body)
        body = " ".join(
            str(data.get(key, "")) for key in ("error_message", "htmlFragment")
        )
    return html.unescape(body)


def _post_image(client, how: str, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    if how == "add":
        return client.post(
            reverse("wagtailimages:add"), {"title": name, "file": upload}
        )
    if how == "multiple":
        return client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": upload},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
    return client.post(
        reverse("wagtailimages_chooser:create"),
        {"image-chooser-upload-title": name, "image-chooser-upload-file": upload},
    )


HOW = ["add", "multiple", "chooser"]


@pytest.mark.parametrize("how", HOW)
def test_a_good_image_is_stored_every_way(editor_client, how):
    response = _post_image(editor_client, how, "good.png", GOOD_PNG)
    assert response.status_code in (200, 302)
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize("case", list(BAD_IMAGES))
@pytest.mark.parametrize("how", HOW)
def test_a_bad_image_gets_a_message_and_nothing_is_stored(editor_client, how, case):
    name, content, message = BAD_IMAGES[case]
    editor_client.raise_request_exception = False
    before = _stored_files("original_images")

    response = _post_image(editor_client, how, name, content)

    assert response.status_code == 200
    text = _text(response)
    if message is None:  # Wagtail's own wording, whichever check catches it
        assert "Not a valid .png image" in text or INVALID in text
    else:
        assert message in text
    assert not get_image_model().objects.exists()
    assert _stored_files("original_images") == before


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1000)
def test_a_real_image_with_more_pixels_than_allowed_is_refused_with_the_count(
    editor_client,
):
    response = _post_image(editor_client, "add", "photo.png", GOOD_PNG)

    assert response.status_code == 200
    assert "This file has too many pixels (4096). Maximum pixels 1000." in _text(
        response
    )
    assert not get_image_model().objects.exists()


def test_replacing_an_images_file_with_a_bad_one_keeps_the_old_file(editor_client):
    from tests.factories import make_image

    image = make_image("Harbour")
    original = image.file.name
    editor_client.raise_request_exception = False

    response = editor_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "Harbour",
            "file": SimpleUploadedFile("poly.gif", b"GIF89a" + SCRIPT * 20),
        },
    )

    assert response.status_code == 200
    assert INVALID in _text(response)
    image.refresh_from_db()
    assert image.file.name == original


# --- Documents ----------------------------------------------------------------------


def _office(content_types: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if content_types:
            archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
GOOD_DOCUMENTS = {
    "pdf": ("manual.pdf", PDF),
    "docx": ("letter.docx", _office()),
    "odt": ("letter.odt", _odt()),
    "csv": ("hosts.csv", "name;by\nHanne;Århus\n".encode()),
    "txt": ("notes.txt", "Velkommen!".encode("cp1252")),
}
NOT_A = "This file is not really"
BAD_DOCUMENTS = {
    "gif polyglot named pdf": ("manual.pdf", b"GIF89a" + SCRIPT, NOT_A),
    "html named pdf": ("manual.pdf", SCRIPT, NOT_A),
    "zip without office parts named docx": ("letter.docx", _office(False), NOT_A),
    "garbage named docx": ("letter.docx", b"PK\x03\x04" + _garbage(300), NOT_A),
    "docx named odt": ("letter.odt", _office(), NOT_A),
    "png named csv": ("hosts.csv", GOOD_PNG, NOT_A),
    "binary named txt": ("notes.txt", b"abc\x00\x01\x02", NOT_A),
    "zero bytes": ("empty.pdf", b"", EMPTY),
    "svg with a script": ("logo.svg", SVG_SCRIPT, "is not allowed"),
    "html page": ("page.html", SCRIPT, "is not allowed"),
}


def _post_document(client, how: str, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    if how == "add":
        url = reverse("wagtaildocs:add")
        return client.post(url, {"title": name, "file": upload})
    if how == "multiple":
        return client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": upload},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
    return client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": name,
            "document-chooser-upload-file": upload,
        },
    )


@pytest.mark.parametrize("kind", list(GOOD_DOCUMENTS))
@pytest.mark.parametrize("how", HOW)
def test_a_good_document_is_stored_every_way(editor_client, how, kind):
    name, content = GOOD_DOCUMENTS[kind]
    response = _post_document(editor_client, how, name, content)
    assert response.status_code in (200, 302)
    assert get_document_model().objects.count() == 1


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
@pytest.mark.parametrize("how", HOW)
def test_a_bad_document_gets_a_message_and_nothing_is_stored(editor_client, how, case):
    name, content, message = BAD_DOCUMENTS[case]
    editor_client.raise_request_exception = False
    before = _stored_files("documents")

    response = _post_document(editor_client, how, name, content)

    assert response.status_code == 200
    assert message in _text(response)
    assert not get_document_model().objects.exists()
    assert _stored_files("documents") == before
