import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfReader

from delegates.uploads.validation import (
    MAX_PHOTO_BYTES,
    PdfProblem,
    check_pdf_is_inert,
    clean_badge_photo,
)
from tests import pdfs
from tests.factories import pdf_bytes
from tests.images import (
    PDF_BYTES,
    exif_with_gps_and_camera,
    image_bytes,
    png_header_only,
    png_html_polyglot,
    upload,
)


def stored_image(content_file):
    return Image.open(io.BytesIO(content_file.read()))


@pytest.mark.parametrize(
    ("fmt", "mode"), [("JPEG", "RGB"), ("PNG", "RGBA"), ("WEBP", "RGB")]
)
def test_badge_photo_accepted_formats_are_stored_as_jpeg(fmt, mode):
    photo = clean_badge_photo(upload(image_bytes(fmt, mode=mode), "photo.bin"))

    image = stored_image(photo)
    assert image.format == "JPEG"
    assert image.size == (400, 500)
    assert photo.name == "photo.jpg"


def test_badge_photo_renamed_pdf_is_refused_by_content():
    with pytest.raises(ValidationError) as error:
        clean_badge_photo(upload(PDF_BYTES, "passport-photo.jpg"))

    assert error.value.messages == ["This file is not a JPEG, PNG or WebP image."]


def test_badge_photo_gif_named_png_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_badge_photo(upload(image_bytes("GIF", mode="P"), "photo.png"))

    assert error.value.messages == [
        "This is a GIF image; please upload a JPEG, PNG or WebP."
    ]


def test_badge_photo_50_megapixels_is_refused():
    content = image_bytes("PNG", size=(10_000, 5_000), mode="1", color=1)

    with pytest.raises(ValidationError) as error:
        clean_badge_photo(upload(content, "big.png"))

    assert error.value.messages == [
        "The photo has too many pixels (10000 × 5000); the limit is 25 megapixels. "
        "Please send a smaller version."
    ]


def test_badge_photo_decompression_bomb_is_refused_before_decoding():
    bomb = png_header_only(60_000, 60_000)  # 3.6 gigapixels declared

    with pytest.raises(ValidationError) as error:
        clean_badge_photo(upload(bomb, "bomb.png"))

    assert error.value.code == "photo_too_many_pixels"


def test_badge_photo_over_the_size_limit_is_refused():
    content = b"\xff\xd8\xff" + b"0" * MAX_PHOTO_BYTES

    with pytest.raises(ValidationError) as error:
        clean_badge_photo(upload(content))

    assert error.value.messages == [
        "The photo is too large (5.0\xa0MB); the limit is 5.0\xa0MB."
    ]


def test_badge_photo_truncated_image_is_refused():
    content = image_bytes("PNG")[:200]

    with pytest.raises(ValidationError) as error:
        clean_badge_photo(upload(content, "cut.png"))

    assert error.value.code == "photo_damaged"


def test_badge_photo_that_is_also_a_web_page_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_badge_photo(upload(png_html_polyglot(), "photo.png"))

    assert error.value.code == "photo_with_markup"


def test_badge_photo_tiny_image_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_badge_photo(upload(image_bytes(size=(40, 40))))

    assert error.value.code == "photo_too_small"


def test_badge_photo_metadata_is_stripped_and_orientation_applied():
    content = image_bytes(size=(600, 400), exif=exif_with_gps_and_camera())
    assert Image.open(io.BytesIO(content)).getexif()  # the upload does carry EXIF

    image = stored_image(clean_badge_photo(upload(content)))

    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert image.size == (400, 600)  # turned upright as the camera said


def test_badge_photo_is_shrunk_to_badge_size():
    image = stored_image(clean_badge_photo(upload(image_bytes(size=(3000, 4000)))))

    assert image.size == (900, 1200)


# Credentials letters


def read_pdf(content):
    return PdfReader(io.BytesIO(content))


@pytest.mark.parametrize(
    "make",
    [
        pdfs.pdf_with_javascript,
        pdfs.pdf_launching_a_program,
        pdfs.pdf_with_a_page_action,
        pdfs.pdf_with_an_attached_file,
    ],
)
def test_a_pdf_that_runs_or_carries_something_is_active(make):
    with pytest.raises(PdfProblem) as problem:
        check_pdf_is_inert(read_pdf(make()))

    assert problem.value.code == "active"


def test_a_pdf_unpacking_far_beyond_a_letter_is_a_bomb():
    with pytest.raises(PdfProblem) as problem:
        check_pdf_is_inert(read_pdf(pdfs.pdf_bomb()))

    assert problem.value.code == "bomb"


@pytest.mark.parametrize(
    "content", [pdf_bytes(pages=3), pdfs.pdf_that_opens_on_its_first_page()]
)
def test_a_plain_letter_is_inert(content):
    assert check_pdf_is_inert(read_pdf(content)) is None
