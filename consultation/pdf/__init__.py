"""PDF building blocks shared by badges, letters and lists (reportlab).

Names arrive in any script: Latin with Vietnamese diacritics, Thai, Chinese,
Japanese, Korean. No single font covers them all, and reportlab does not fall back
from one font to another by itself, so text is cut into runs, each set in the first
bundled font that has its characters. The fonts live beside this module (never
fetched at run time) and are embedded, subset, in every PDF.
"""

import functools
import unicodedata
from pathlib import Path

# escape() only escapes our text for ReportLab markup; nothing parses XML here.
from xml.sax.saxutils import escape  # nosec B406

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.formats import date_format, get_format
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"

# Regular and bold faces in fallback order; CJK has no bold face of its own.
# Thai is set in TLWG Loma, not Noto Sans Thai: reportlab does not apply OpenType
# substitutions, and Loma's default tone marks already sit above the upper vowels
# (ปิ่น, ที่), where Noto's would collide with them.
FONTS = {
    "regular": [
        ("NotoSans", "NotoSans-Regular.ttf"),
        ("Loma", "Loma.ttf"),
        ("DroidSansFallback", "DroidSansFallbackFull.ttf"),
    ],
    "bold": [
        ("NotoSans-Bold", "NotoSans-Bold.ttf"),
        ("Loma-Bold", "Loma-Bold.ttf"),
        ("DroidSansFallback", "DroidSansFallbackFull.ttf"),
    ],
}
REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"


class FontMissingError(RuntimeError):
    """A bundled font file is not where the code expects it."""


@functools.cache
def register_fonts() -> dict[str, list[tuple[str, frozenset[int]]]]:
    """Register the bundled fonts with reportlab once; return each weight's stack.

    A stack is the list of (font name, code points it covers) in fallback order.
    """
    stacks = {}
    for weight, faces in FONTS.items():
        stack = []
        for name, filename in faces:
            path = FONT_DIR / filename
            if not path.exists():
                raise FontMissingError(
                    f"The font file {path} is missing; it ships with the project "
                    "(consultation/pdf/fonts/) and is needed for PDFs."
                )
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(path)))
            font = pdfmetrics.getFont(name)
            stack.append((name, frozenset(font.face.charToGlyph)))
        stacks[weight] = stack
    return stacks


@functools.lru_cache(maxsize=4096)
def font_runs(text: str, *, bold: bool = False) -> tuple[tuple[str, str], ...]:
    """Cut text into (font name, chunk) runs, each in a font that has its glyphs.

    Spaces and combining marks stay in the font of the run they belong to, so a
    Thai tone mark or a Vietnamese accent is never set apart from its letter.
    Kept per text: badges and lists measure the same words many times.
    """
    stack = register_fonts()["bold" if bold else "regular"]
    first, first_covers = stack[0]
    if all(ord(char) in first_covers for char in text):
        return ((first, text),) if text else ()
    coverage = dict(stack)
    runs: list[list[str]] = []
    for char in text:
        code = ord(char)
        if runs and (
            char.isspace()
            or (unicodedata.combining(char) and code in coverage[runs[-1][0]])
        ):
            runs[-1][1] += char
            continue
        name = next((font for font, covered in stack if code in covered), stack[0][0])
        if runs and runs[-1][0] == name:
            runs[-1][1] += char
        else:
            runs.append([name, char])
    return tuple((name, chunk) for name, chunk in runs)


def markup(text: str, *, bold: bool = False) -> str:
    """Paragraph markup for text, with a font switch wherever the script changes."""
    return "".join(
        f'<font face="{name}">{escape(chunk)}</font>'
        for name, chunk in font_runs(text, bold=bold)
    )


def string_width(text: str, size: float, *, bold: bool = False) -> float:
    return sum(
        pdfmetrics.stringWidth(chunk, name, size)
        for name, chunk in font_runs(text, bold=bold)
    )


def draw_text(canvas, x, y, text, *, size, bold=False, align="left"):
    """Draw one line of text at (x, y); align is "left", "centre" or "right"."""
    width = string_width(text, size, bold=bold)
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    for name, chunk in font_runs(text, bold=bold):
        canvas.setFont(name, size)
        canvas.drawString(x, y, chunk)
        x += pdfmetrics.stringWidth(chunk, name, size)


@functools.lru_cache(maxsize=4096)
def fit_lines(text, *, max_width, size, min_size, bold=False, max_lines=2):
    """Return (size, lines): the largest size at which text fits max_lines lines.

    Words are broken at spaces; text in scripts without spaces (Thai, Chinese)
    shrinks instead. At min_size the text is cut with an ellipsis rather than
    overflow the space it was given. Kept per text and box (every badge of a
    meeting fits the same title); ``lines`` is a tuple.
    """
    while True:
        lines = _wrap(text, max_width=max_width, size=size, bold=bold)
        if len(lines) <= max_lines and all(
            string_width(line, size, bold=bold) <= max_width for line in lines
        ):
            return size, tuple(lines)
        if size <= min_size:
            lines = lines[:max_lines]
            lines[-1] = _truncate(lines[-1], max_width=max_width, size=size, bold=bold)
            return size, tuple(lines)
        size = max(min_size, size - 1)


def _wrap(text, *, max_width, size, bold):
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and string_width(candidate, size, bold=bold) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def _truncate(line, *, max_width, size, bold):
    if string_width(line, size, bold=bold) <= max_width:
        return line
    while line and string_width(line + "…", size, bold=bold) > max_width:
        line = line[:-1]
    return line + "…"


def pdf_language(language: str) -> str:
    """The language a person's PDF (badge, letter) is printed in: theirs, except
    a right-to-left one, which reportlab neither shapes nor orders (issue 16,
    point 10): until the PDFs shape text, those print in the default language."""
    if translation.get_language_info(language)["bidi"]:
        return settings.LANGUAGE_CODE
    return language


def meeting_dates(meeting) -> str:
    """The meeting's dates as a range: "3–5 December 2026"."""
    start, end = meeting.start_date, meeting.end_date
    if start == end:
        return date_format(start, "DATE_FORMAT")
    # Languages that write the day last ("2026年12月3日") give both dates in full.
    day_first = get_format("DATE_FORMAT").startswith("j")
    if not day_first:
        return f"{date_format(start, 'DATE_FORMAT')}–{date_format(end, 'DATE_FORMAT')}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'DATE_FORMAT')}"
    if start.year == end.year:
        first = date_format(start, "MONTH_DAY_FORMAT")
        return f"{first} – {date_format(end, 'DATE_FORMAT')}"
    return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"


def pdf_response(content: bytes, filename: str, *, attachment=False) -> HttpResponse:
    """A PDF response that no cache keeps: documents carry personal data."""
    disposition = "attachment" if attachment else "inline"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
