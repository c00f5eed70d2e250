"""Name badges as PDF: one A6 badge per page, or four to an A4 sheet for cutting.

A badge shows the photo, the name as on the badge, the delegation, organisation or
country, the participant category as a colour band with its label, the meeting's
name and dates, and a QR code with the signed badge token that the check-in desk
scans. Nothing on the QR code is personal data or a database id.

Printing is dominated by the photos and the QR codes (profiled with cProfile, see
bench/badges.py): each stored photo is decoded once, at reduced scale, shrunk to
what the badge prints and kept in this process as a small JPEG; each QR code's
modules are drawn as one rectangle per run of dark modules in a row.
A stored photo that cannot be read prints as a placeholder, and the print says
which badges have one.
"""

import dataclasses
import functools
import io
import logging
import warnings

import segno
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from consultation.collation import person_sort_key, sort_key
from consultation.pdf import (
    REGULAR,
    draw_text,
    fit_lines,
    meeting_dates,
    pdf_language,
    register_fonts,
)

from ..enums import DelegationRole, ParticipantCategory
from ..tokens import generate_badge_token, make_badge_code

logger = logging.getLogger(__name__)

# Band colours per category, dark enough for white text (WCAG AA at band size).
CATEGORY_COLOURS = {
    ParticipantCategory.MEMBER_STATE: "#0b3d6e",
    ParticipantCategory.ASSOCIATE_MEMBER: "#1f5f99",
    ParticipantCategory.UN_SYSTEM: "#006b8f",
    ParticipantCategory.IGO: "#4b3b8f",
    ParticipantCategory.DEVELOPMENT_PARTNER: "#146c43",
    ParticipantCategory.THINK_TANK: "#7a4a00",
    ParticipantCategory.CIVIL_SOCIETY: "#a4341c",
    ParticipantCategory.PRIVATE_SECTOR: "#5c636a",
    ParticipantCategory.MEDIA: "#b02a37",
    ParticipantCategory.SECRETARIAT: "#212529",
}
INK = HexColor("#212529")
HEADER_INK = HexColor("#0b3d6e")

LAYOUTS = {"a6": "A6, one badge per page", "a4": "A4, four badges per sheet"}
PHOTO_WIDTH, PHOTO_HEIGHT = 29 * mm, 36 * mm
# The printed photo's pixels: about 210 dpi over its 29 x 36 mm, as fine as a
# badge printer renders a photo, and what JPEG decodes at a quarter of the
# stored 960 x 1200 (draft mode), the cheapest decode there is.
PHOTO_PIXELS = (240, 300)
PHOTO_QUALITY = 85
# Photos kept ready per process, as small JPEGs (about 30 KB each).
PREPARED_PHOTOS = 1000
PLACEHOLDER_INK = HexColor("#6c757d")
PLACEHOLDER_FILL = HexColor("#e9ecef")
ROLE_RANK = {role: rank for rank, role in enumerate(DelegationRole.values)}


def badge_order_key(registration):
    """Country (by name), then head of delegation first, then family name.

    Participants without a country follow the countries, grouped by organisation.
    """
    if registration.country:
        group = (0, sort_key(registration.country.name))
    else:
        group = (1, sort_key(registration.organisation))
    return (
        *group,
        ROLE_RANK.get(registration.role, len(ROLE_RANK)),
        *person_sort_key(
            given_name=registration.given_name, family_name=registration.family_name
        ),
        registration.pk,
    )


def badge_registrations(queryset):
    """The registrations of queryset that get a badge, in badge printing order."""
    registrations = queryset.with_badge().select_related("meeting", "delegation")
    return sorted(registrations, key=badge_order_key)


def badge_affiliation(registration) -> str:
    """What the badge says the person represents: delegation, country or body."""
    if registration.delegation_id:
        return registration.delegation.name
    if registration.country and registration.category in (
        ParticipantCategory.MEMBER_STATE,
        ParticipantCategory.ASSOCIATE_MEMBER,
    ):
        return registration.country.name
    return registration.organisation


@dataclasses.dataclass(frozen=True)
class PrintedBadges:
    """A PDF of badges, and the registrations whose stored photo was unreadable
    (their badge shows a placeholder instead)."""

    pdf: bytes
    unreadable_photos: list


def print_badges(registrations, *, layout="a4", progress=None) -> PrintedBadges:
    """Return a PDF with a badge for each registration, in the order given.

    `progress(count)`, if given, is called after each badge with the number drawn.

    A stored photo that cannot be read (a damaged file) prints as a placeholder
    and is named in ``unreadable_photos``; it is logged, never an error.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"Unknown badge layout {layout!r}")
    register_fonts()
    buffer = io.BytesIO()
    pagesize = A4 if layout == "a4" else A6
    canvas = Canvas(
        buffer, pagesize=pagesize, pageCompression=1, initialFontName=REGULAR
    )
    canvas.setTitle(_("Badges"))
    canvas.setCreator("consultation")
    badge_width, badge_height = A6
    if layout == "a6":
        slots = [(0, 0)]
    else:  # 2 x 2 A6 badges fill an A4 sheet exactly: top left first.
        slots = [
            (0, badge_height),
            (badge_width, badge_height),
            (0, 0),
            (badge_width, 0),
        ]
    registrations = list(registrations)
    unreadable = []
    for index, registration in enumerate(registrations):
        slot = index % len(slots)
        if index and slot == 0:
            canvas.showPage()
        if layout == "a4" and slot == 0:
            _draw_cut_lines(canvas, pagesize)
        x, y = slots[slot]
        canvas.saveState()
        canvas.translate(x, y)
        with translation.override(pdf_language(registration.language)):
            drawn = draw_badge(
                canvas, registration, width=badge_width, height=badge_height
            )
        if not drawn:
            unreadable.append(registration)
        canvas.restoreState()
        if progress:
            progress(index + 1)
    if not registrations:
        draw_text(canvas, 20 * mm, pagesize[1] - 30 * mm, _("No badges."), size=12)
    canvas.save()
    return PrintedBadges(pdf=buffer.getvalue(), unreadable_photos=unreadable)


def render_badges(registrations, *, layout="a4") -> bytes:
    """Return the PDF of ``print_badges``: a badge for each registration."""
    return print_badges(registrations, layout=layout).pdf


def _draw_cut_lines(canvas, pagesize):
    width, height = pagesize
    canvas.saveState()
    canvas.setStrokeColor(HexColor("#adb5bd"))
    canvas.setLineWidth(0.3)
    canvas.setDash(2, 3)
    canvas.line(width / 2, 0, width / 2, height)
    canvas.line(0, height / 2, width, height / 2)
    canvas.restoreState()


def draw_badge(canvas, registration, *, width, height) -> bool:
    """Draw one badge with its lower left corner at the canvas origin.

    Return False when its stored photo could not be read and a placeholder
    stands in its place.
    """
    meeting = registration.meeting
    margin = 7 * mm
    inner = width - 2 * margin
    centre = width / 2
    top = height - margin

    canvas.setFillColor(HEADER_INK)
    size, lines = fit_lines(
        meeting.title, max_width=inner, size=9, min_size=7, bold=True, max_lines=3
    )
    for line in lines:
        top -= size + 2
        draw_text(canvas, centre, top, line, size=size, bold=True, align="centre")
    top -= 11
    draw_text(
        canvas,
        centre,
        top,
        f"{meeting_dates(meeting)} · {meeting.city}",
        size=8,
        align="centre",
    )
    band_height = 15 * mm
    qr_size = 28 * mm
    qr_bottom = band_height + 3 * mm
    area_top = top - 4 * mm
    area_bottom = qr_bottom + qr_size + 3 * mm

    name_size, name_lines = fit_lines(
        registration.name_on_badge, max_width=inner, size=22, min_size=12, bold=True
    )
    affiliation_size, affiliation_lines = fit_lines(
        badge_affiliation(registration), max_width=inner, size=12, min_size=8
    )
    photo = badge_photo(registration)
    photo_width, photo_height = PHOTO_WIDTH, PHOTO_HEIGHT
    block = len(name_lines) * (name_size + 3) + 2
    block += len(affiliation_lines) * (affiliation_size + 2)
    if registration.photo:
        block += photo_height + 4 * mm
    top = area_top - max(0, (area_top - area_bottom - block) / 2)

    if photo:
        canvas.drawImage(
            PreparedPhoto(photo),
            centre - photo_width / 2,
            top - photo_height,
            photo_width,
            photo_height,
            preserveAspectRatio=True,
            anchor="c",
        )
    elif registration.photo:
        _draw_photo_placeholder(
            canvas, x=centre - photo_width / 2, y=top - photo_height
        )
    if registration.photo:
        top -= photo_height + 4 * mm
    canvas.setFillColor(INK)
    for line in name_lines:
        top -= name_size
        draw_text(canvas, centre, top, line, size=name_size, bold=True, align="centre")
        top -= 3
    top -= 2
    for line in affiliation_lines:
        top -= affiliation_size
        draw_text(canvas, centre, top, line, size=affiliation_size, align="centre")
        top -= 2

    draw_qr(
        canvas,
        make_badge_code(registration),
        x=centre - qr_size / 2,
        y=qr_bottom,
        size=qr_size,
    )

    colour = CATEGORY_COLOURS.get(registration.category, "#212529")
    canvas.setFillColor(HexColor(colour))
    canvas.rect(0, 0, width, band_height, stroke=0, fill=1)
    canvas.setFillColor(white)
    label = registration.get_category_display().upper()
    size, lines = fit_lines(
        label, max_width=inner, size=14, min_size=8, bold=True, max_lines=1
    )
    draw_text(
        canvas,
        centre,
        (band_height - size * 0.7) / 2,
        lines[0],
        size=size,
        bold=True,
        align="centre",
    )
    return photo is not None or not registration.photo


def draw_qr(canvas, code, *, x, y, size):
    """Draw code as a QR code (vector modules, with its quiet zone) in a square."""
    border = 2
    rows = qr_runs(code)
    modules = len(rows) + 2 * border
    module = size / modules
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#000000"))
    path = canvas.beginPath()
    for row_index, runs in enumerate(rows):
        bottom = y + size - (row_index + border + 1) * module
        for start, length in runs:
            path.rect(x + (start + border) * module, bottom, length * module, module)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


@functools.lru_cache(maxsize=PREPARED_PHOTOS)
def qr_runs(code) -> tuple:
    """The QR code of code, row by row, as (first column, length) of each dark run."""
    rows = []
    for row in segno.make(code, error="m", micro=False).matrix:
        runs, start = [], None
        for column, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((start, column - start))
                start = None
        rows.append(tuple(runs))
    return tuple(rows)


def badge_photo(registration) -> bytes | None:
    """The badge photo as a small JPEG to print, or None.

    None when there is no photo, and when the stored file cannot be read
    (missing, damaged, not an image), which is logged.
    """
    if not registration.photo:
        return None
    try:
        return _prepared_photo(registration.photo.storage, registration.photo.name)
    except UnreadablePhoto:
        logger.warning("Badge photo of registration %s is unreadable", registration.pk)
        return None


class PreparedPhoto(ImageReader):
    """A prepared JPEG that reportlab embeds as it is, without decoding it again.

    reportlab names an image by a digest of its decoded pixels; the JPEG's own
    bytes name it as well, and cost nothing to read.
    """

    def __init__(self, jpeg: bytes):
        super().__init__(io.BytesIO(jpeg))
        self._jpeg = jpeg

    def getRGBData(self):  # noqa: N802 - reportlab's name
        self._dataA = None  # no transparency: a JPEG has none
        return self._jpeg


class UnreadablePhoto(Exception):
    """A stored badge photo that is missing, damaged or no image."""


@functools.lru_cache(maxsize=PREPARED_PHOTOS)
def _prepared_photo(storage, name) -> bytes:
    """Decode the stored photo once, shrunk to PHOTO_PIXELS, as a new JPEG.

    Stored photos never change under a name (a new photo gets a new random
    name), so the result is kept for the process; a failure is not kept, so a
    file read again after a passing fault prints. JPEG's draft mode decodes at
    the nearest scale above the printed size, which is most of the saving.
    Raises UnreadablePhoto.
    """
    try:
        with storage.open(name, "rb") as stored, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stored) as image:
                image.draft("RGB", PHOTO_PIXELS)
                picture = ImageOps.exif_transpose(image).convert("RGB")
        picture.thumbnail(PHOTO_PIXELS)
        picture.info.clear()  # nothing of the stored file but its pixels
        output = io.BytesIO()
        picture.save(output, format="JPEG", quality=PHOTO_QUALITY)
    except (
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        raise UnreadablePhoto(name) from error
    return output.getvalue()


def _draw_photo_placeholder(canvas, *, x, y):
    """A grey frame where an unreadable photo would be, saying so."""
    canvas.saveState()
    canvas.setFillColor(PLACEHOLDER_FILL)
    canvas.setStrokeColor(PLACEHOLDER_INK)
    canvas.setLineWidth(0.5)
    canvas.rect(x, y, PHOTO_WIDTH, PHOTO_HEIGHT, stroke=1, fill=1)
    canvas.setFillColor(PLACEHOLDER_INK)
    centre = x + PHOTO_WIDTH / 2
    for offset, line in ((2, _("Photo")), (-8, _("unavailable"))):
        draw_text(
            canvas, centre, y + PHOTO_HEIGHT / 2 + offset, line, size=8, align="centre"
        )
    canvas.restoreState()


def reissue_badge(registration, *, by) -> None:
    """Give the registration a new badge token, so its old badge stops working.

    For a lost or stolen badge: the old QR code then reads as "unknown" at the desk,
    and the newly printed badge (and the e-badge) carry the new code. Side effects:
    saves the registration's badge token; the audit trail records who did it.
    """
    registration.badge_token = generate_badge_token()
    registration._change_reason = "Badge reissued"
    registration.save(update_fields=["badge_token", "updated_at"])
    logger.info("Badge of registration %s reissued by %s", registration.pk, by)
