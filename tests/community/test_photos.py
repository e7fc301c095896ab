"""Profile photos: checked, turned upright, shrunk, stripped of metadata, and
shown only to signed-in members the owner allows."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from community.services.photos import MAX_UPLOAD_BYTES, photo_clean
from tests.factories import make_member, make_photo_bytes


def _clean(data: bytes, **kwargs) -> Image.Image:
    result = photo_clean(upload=io.BytesIO(data), **kwargs)
    return Image.open(io.BytesIO(result.read()))


def test_photo_is_resized_to_at_most_800_pixels_and_stored_as_jpeg():
    image = _clean(make_photo_bytes(size=(3000, 1500)))
    assert image.format == "JPEG"
    assert image.size == (800, 400)


def test_small_photos_are_not_enlarged():
    assert _clean(make_photo_bytes(size=(300, 200))).size == (300, 200)


def test_exif_is_removed_after_turning_the_photo_upright():
    original = make_photo_bytes(size=(1600, 1200), orientation=6)
    assert Image.open(io.BytesIO(original)).getexif()[0x0110] == "PhoneCam 3000"

    image = _clean(original)

    assert image.size == (600, 800)  # orientation 6: rotated to portrait
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info and "icc_profile" not in image.info


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted_and_transparency_becomes_white(fmt):
    image = _clean(make_photo_bytes(size=(100, 100), fmt=fmt, mode="RGBA"))
    assert image.format == "JPEG" and image.mode == "RGB"


@pytest.mark.parametrize(
    "data",
    [
        b"This is not an image at all.",
        b"",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,  # a PNG header and nothing else
    ],
)
def test_files_that_are_not_images_are_refused(data):
    with pytest.raises(ValidationError):
        photo_clean(upload=io.BytesIO(data))


def test_other_image_formats_are_refused():
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        photo_clean(upload=io.BytesIO(make_photo_bytes(fmt="GIF", mode="RGB")))


def test_files_over_5_mb_are_refused_before_decoding():
    with pytest.raises(ValidationError, match="under 5 MB"):
        photo_clean(upload=io.BytesIO(make_photo_bytes()), size=MAX_UPLOAD_BYTES + 1)


def test_decompression_bombs_are_refused():
    # A few kilobytes that would unpack to 400 megapixels.
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, "PNG")
    assert len(bomb.getvalue()) < 100_000
    with pytest.raises(ValidationError, match="too many pixels"):
        photo_clean(upload=io.BytesIO(bomb.getvalue()))


# --- Through the set-up, and who sees it -----------------------------------------


@pytest.fixture
def owner(db, home_page):
    return make_member(role="host", display_name="Hanne", show_photo=True)


def _upload(client, data: bytes, name: str = "me.jpg"):
    photo = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(
        reverse("community:profile_setup_step", args=[4]),
        {
            "time_per_month": "1-2",
            "capacity": "1",
            "show_photo": "on",
            # Ticked on the form, as a browser sends it: unticked would pause
            # the owner, and a paused member's photo is hidden like their page.
            "is_available": "on",
            "photo_upload": photo,
        },
    )


def test_uploading_a_photo_in_the_set_up_stores_a_clean_jpeg(client, owner):
    client.force_login(owner.user)
    response = _upload(client, make_photo_bytes(size=(2000, 1000), orientation=6))
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.photo.name.endswith(".jpg")
    with owner.photo.open("rb") as stored:
        image = Image.open(stored)
        assert image.size == (400, 800)
        assert dict(image.getexif()) == {}


def test_a_non_image_upload_is_a_form_error(client, owner):
    client.force_login(owner.user)
    response = _upload(client, b"<?php system($_GET['c']); ?>", name="shell.php.jpg")
    assert response.status_code == 200
    assert "not a photo we can read" in response.text
    owner.refresh_from_db()
    assert not owner.photo


def test_photo_is_shown_to_members_only_and_only_if_the_owner_allows(client, owner):
    client.force_login(owner.user)
    _upload(client, make_photo_bytes(size=(200, 200)))
    url = reverse("community:profile_photo", args=[owner.pk])

    assert client.get(url).status_code == 200  # the owner

    client.logout()
    assert client.get(url).status_code == 302  # visitors: log in first

    other = make_member(role="newcomer")
    client.force_login(other.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"

    owner.show_photo = False
    owner.save()
    assert client.get(url).status_code == 404


def test_removing_the_photo_deletes_the_file(
    client, owner, django_capture_on_commit_callbacks
):
    client.force_login(owner.user)
    _upload(client, make_photo_bytes(size=(200, 200)))
    owner.refresh_from_db()
    storage, name = owner.photo.storage, owner.photo.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:profile_setup_step", args=[4]),
            {"time_per_month": "1-2", "capacity": "1", "photo_remove": "on"},
        )
    owner.refresh_from_db()
    assert not owner.photo
    assert not storage.exists(name)
