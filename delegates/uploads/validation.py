"""Personal uploads checked by content: badge photos and credentials letters.

Badge photos: checked by content, size and pixels, then re-encoded clean.

A photo is never stored as uploaded. Pillow reads only the header to learn the real
format and the dimensions, so a renamed PDF or a decompression bomb is refused before
any pixel is decoded; an accepted image is decoded, turned upright, shrunk to badge
size and saved again as a new JPEG, which drops EXIF, GPS and any other metadata.

Credentials letters (PDF): staff open them, so one that would run a script or a
program, carries other files, or unpacks to far more than its size is refused
(``check_pdf_is_inert``).
"""

import io
import re
import warnings
import zlib

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# MPO is how Pillow names a JPEG that carries further pictures (phones and
# cameras write them): its first picture is the photo.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 25_000_000
MIN_PHOTO_SIDE = 100
# Longest side of the stored photo: plenty for a printed badge.
STORED_PHOTO_SIDE = 1200
STORED_PHOTO_QUALITY = 88
# Markup that makes an image also a web page or a script (a polyglot): a browser
# sniffing the file, or a tool trusting its name, would run it.
MARKUP = re.compile(rb"<(?:html|script|svg|iframe|body|\?php)\b", re.IGNORECASE)


def clean_badge_photo(upload) -> ContentFile:
    """Return the upload re-encoded as a metadata-free JPEG, or raise ValidationError.

    Checks, in order: file size, no markup anywhere (a polyglot), real format (by
    content, not by name), pixel count and minimum size, then that the image
    decodes completely.
    """
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The photo is too large (%(size)s); the limit is %(limit)s."),
            code="photo_too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_PHOTO_BYTES),
            },
        )
    upload.seek(0)
    if MARKUP.search(upload.read()):
        raise ValidationError(
            _(
                "This file carries HTML or script text besides the image; please "
                "upload the photo itself."
            ),
            code="photo_with_markup",
        )
    upload.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns for images between its own limits; refuse them too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload)
        except UnidentifiedImageError as error:
            raise ValidationError(
                _("This file is not a JPEG, PNG or WebP image."),
                code="photo_not_an_image",
            ) from error
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels() from error
        except OSError as error:
            # A known format whose header is cut short ("Truncated File Read").
            raise _damaged() from error
        with image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    _("This is a %(format)s image; please upload a JPEG, PNG or WebP."),
                    code="photo_wrong_format",
                    params={"format": image.format},
                )
            width, height = image.size
            if width * height > MAX_PHOTO_PIXELS:
                raise _too_many_pixels(width, height)
            if min(width, height) < MIN_PHOTO_SIDE:
                raise ValidationError(
                    _(
                        "The photo is too small (%(width)d × %(height)d pixels); "
                        "it needs at least %(min)d pixels on each side."
                    ),
                    code="photo_too_small",
                    params={"width": width, "height": height, "min": MIN_PHOTO_SIDE},
                )
            try:
                return ContentFile(_reencode(image), name="photo.jpg")
            except (OSError, ValueError, SyntaxError) as error:
                raise _damaged() from error


class BadgePhotoField(forms.FileField):
    """The badge photo on every form that takes one: public, private link, admin.

    A new upload comes back from ``clean()`` re-encoded by ``clean_badge_photo``
    (or refused with its message); the stored photo or "clear" pass unchanged.
    Code that receives a photo another way (an API) calls ``clean_badge_photo``.
    """

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            return clean_badge_photo(value)
        return value


def _damaged():
    return ValidationError(
        _("This image is damaged or incomplete; please upload it again."),
        code="photo_damaged",
    )


def _too_many_pixels(width=None, height=None):
    limit = MAX_PHOTO_PIXELS // 1_000_000
    if width is None:
        return ValidationError(
            _("The photo has too many pixels; the limit is %(limit)d megapixels."),
            code="photo_too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        _(
            "The photo has too many pixels (%(width)d × %(height)d); the limit is "
            "%(limit)d megapixels. Please send a smaller version."
        ),
        code="photo_too_many_pixels",
        params={"width": width, "height": height, "limit": limit},
    )


def _reencode(image) -> bytes:
    """Decode the first frame, turn it upright, shrink it and save a bare JPEG."""
    image.seek(0)
    image.load()
    upright = ImageOps.exif_transpose(image)
    if upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info
    ):
        rgba = upright.convert("RGBA")
        upright = Image.new("RGB", rgba.size, "white")
        upright.paste(rgba, mask=rgba.getchannel("A"))
    else:
        upright = upright.convert("RGB")
    upright.thumbnail((STORED_PHOTO_SIDE, STORED_PHOTO_SIDE))
    # A fresh image carries no info dict, so no EXIF, GPS, XMP or comments follow.
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    output = io.BytesIO()
    clean.save(output, format="JPEG", quality=STORED_PHOTO_QUALITY, optimize=True)
    return output.getvalue()


# Credentials letters: PDFs that staff open, so nothing in one may run or unpack.

# Keys that make a PDF do something when opened or clicked, or carry other files.
ACTIVE_PDF_KEYS = {
    "/JS",
    "/JavaScript",
    "/AA",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
}
# Actions (/S) that run code, start programs or send or fetch data.
ACTIVE_PDF_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/RichMediaExecute",
    "/GoToE",
}
# What a letter's compressed content may expand to: far above 30 scanned pages,
# far below what a decompression bomb (a few MB unpacking to gigabytes) reaches.
MAX_PDF_INFLATED_BYTES = 200 * 1024 * 1024
MAX_PDF_OBJECTS = 100_000
INFLATE_CHUNK = 1024 * 1024


class PdfProblem(Exception):
    """A PDF holds active content or expands beyond MAX_PDF_INFLATED_BYTES."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def check_pdf_is_inert(reader) -> None:
    """Raise PdfProblem unless the PDF read by ``reader`` is only pages to look at.

    Walks every object reachable from the trailer once: a script, an automatic
    or launching action, an embedded file or XFA form is "active"; compressed
    (Flate) streams are unpacked in chunks, without keeping the output, and all
    of them together may not pass MAX_PDF_INFLATED_BYTES ("bomb").
    """
    inflated = 0
    seen = set()
    pending = [reader.trailer]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            if len(seen) > MAX_PDF_OBJECTS:
                raise PdfProblem("bomb")
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if ACTIVE_PDF_KEYS & set(item) or item.get("/S") in ACTIVE_PDF_ACTIONS:
                raise PdfProblem("active")
            inflated += _inflated_size(item, MAX_PDF_INFLATED_BYTES - inflated)
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)


def _inflated_size(stream, budget) -> int:
    """Bytes a Flate stream unpacks to; PdfProblem past ``budget``. 0 if not one."""
    filters = stream.get("/Filter")
    raw = getattr(stream, "_data", None)
    if raw is None or filters is None:
        return 0
    names = filters if isinstance(filters, list) else [filters]
    if "/FlateDecode" not in names and "/Fl" not in names:
        return 0
    inflater = zlib.decompressobj()
    size = 0
    pending = raw
    try:
        while pending and not inflater.eof:
            size += len(inflater.decompress(pending, INFLATE_CHUNK))
            if size > budget:
                raise PdfProblem("bomb")
            pending = inflater.unconsumed_tail
    except zlib.error:
        return size  # A damaged stream: pypdf and viewers stop there too.
    return size
