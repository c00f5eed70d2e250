"""PDF building blocks shared by badges, letters and lists (reportlab).

Names arrive in any script: Latin with Vietnamese diacritics, Arabic, Thai,
Devanagari, Chinese, Japanese, Korean. No single font covers them all, and reportlab
does not fall back from one font to another by itself, so text is cut into runs,
each set in the first bundled font that has its characters. The fonts live beside
this module (never fetched at run time) and are embedded, subset, in every PDF.

Every run is shaped by HarfBuzz (uharfbuzz): Arabic letters joined, Thai marks
placed, Devanagari conjuncts formed; and the runs of a line are put in display
order by the Unicode bidirectional algorithm (python-bidi), so Arabic reads right
to left. ``layout()`` does both, and everything drawn goes through it: canvas text
through ``draw_text()``, flowing text through ``TextBlock``.
"""

import functools
import unicodedata
from pathlib import Path
from typing import NamedTuple

import uharfbuzz
from bidi import algorithm as bidi_algorithm
from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.formats import date_format, get_format
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, TTFont
from reportlab.platypus import Flowable

FONT_DIR = Path(__file__).resolve().parent / "fonts"

# Regular and bold faces in fallback order; CJK has no bold face of its own.
FONTS = {
    "regular": [
        ("NotoSans", "NotoSans-Regular.ttf"),
        ("NotoSansArabic", "NotoSansArabic-Regular.ttf"),
        ("NotoSansThai", "NotoSansThai-Regular.ttf"),
        ("NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf"),
        ("DroidSansFallback", "DroidSansFallbackFull.ttf"),
    ],
    "bold": [
        ("NotoSans-Bold", "NotoSans-Bold.ttf"),
        ("NotoSansArabic-Bold", "NotoSansArabic-Bold.ttf"),
        ("NotoSansThai-Bold", "NotoSansThai-Bold.ttf"),
        ("NotoSansDevanagari-Bold", "NotoSansDevanagari-Bold.ttf"),
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


class Run(NamedTuple):
    """A piece of a line in one font, shaped, in display order; width in em/1000."""

    font: str
    text: ShapedStr
    width: float


@functools.lru_cache(maxsize=4096)
def layout(
    parts: tuple[tuple[str, bool], ...], rtl: bool | None = None
) -> tuple[Run, ...]:
    """Shape one line given as (text, bold) parts in logical order; return its runs
    in display order, left to right. rtl is the line's base direction: None takes
    it from its first strong letter. Kept per line: badges measure it often."""
    text = "".join(chunk for chunk, _bold in parts)
    if not text:
        return ()
    levels = _bidi_levels(text, rtl)
    logical: list[tuple[str, str, int]] = []
    position = 0
    for chunk, bold in parts:
        for name, piece in font_runs(chunk, bold=bold):
            for char in piece:
                level = levels[position]
                position += 1
                if logical and logical[-1][0] == name and logical[-1][2] == level:
                    logical[-1] = (name, logical[-1][1] + char, level)
                else:
                    logical.append((name, char, level))
    shaped = [
        (level, _shape(piece, name, rtl=level % 2 == 1))
        for name, piece, level in logical
    ]
    return tuple(run for _level, run in _reorder(shaped))


def _bidi_levels(text: str, rtl: bool | None) -> list[int]:
    """Each character's embedding level by the Unicode bidirectional algorithm."""
    if not rtl and not any(
        unicodedata.bidirectional(char) in ("R", "AL", "RLE", "RLO", "RLI")
        for char in text
    ):
        return [0] * len(text)
    storage = bidi_algorithm.get_empty_storage()
    base_level = bidi_algorithm.get_base_level(text) if rtl is None else int(rtl)
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    bidi_algorithm.get_embedding_levels(text, storage)
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    return [char["level"] for char in storage["chars"]]


def _reorder(runs):
    """Reverse every sequence of runs at or above each odd level (rule L2)."""
    if not runs:
        return runs
    highest = max(level for level, _run in runs)
    lowest_odd = min(level for level, _run in runs) | 1
    for level in range(highest, lowest_odd - 1, -1):
        result, index = [], 0
        while index < len(runs):
            if runs[index][0] >= level:
                stop = index
                while stop < len(runs) and runs[stop][0] >= level:
                    stop += 1
                result.extend(reversed(runs[index:stop]))
                index = stop
            else:
                result.append(runs[index])
                index += 1
        runs = result
    return runs


def _shape(text: str, name: str, *, rtl: bool) -> Run:
    """Shape text in one font with HarfBuzz, as reportlab draws shaped strings:
    one character per glyph with its offsets. A glyph with no character of its
    own (a Devanagari conjunct, a Thai mark moved clear of a vowel) gets a
    private one, which the PDF's text maps back to the letters it stands for."""
    font = pdfmetrics.getFont(name)
    hb_font = font.hbFont(1000)
    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    uharfbuzz.shape(hb_font, buffer, {"kern": True, "liga": True})
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    codes = []
    for info in infos:
        glyph = info.codepoint
        try:
            codes.append(font.face.glyphToChar[glyph][0])
        except KeyError:
            glyph_name = hb_font.glyph_to_string(glyph)
            # Its width in the PDF is one em, whatever its advance: every shaped
            # glyph is followed by a move that restores the advance, and a mark
            # of no width set left of its place would otherwise be followed by a
            # move to the right, which PDF readers take for a space.
            codes.append(font.hbAddPrivate(glyph_name, glyph, 1000))
    clusters = [info.cluster for info in infos]
    if not rtl:
        _alias_reordered_clusters(font, hb_font, text, infos, codes)
    _map_private_glyphs(font, text, clusters, codes)
    data = [
        ShapeData(
            info.cluster,
            font.pdfScale(position.x_advance),
            font.pdfScale(position.y_advance),
            font.pdfScale(position.x_offset),
            font.pdfScale(position.y_offset),
            font.face.charWidths[code],
        )
        for info, position, code in zip(infos, positions, codes, strict=True)
    ]
    shaped = ShapedStr("".join(map(chr, codes)), shapeData=data)
    return Run(name, shaped, sum(item.x_advance for item in data))


def _alias_reordered_clusters(font, hb_font, text, infos, codes):
    """Where shaping draws a cluster's glyphs out of the letters' order (the
    Devanagari vowel sign ि drawn before its consonant) or in glyphs of no letter
    of their own (a conjunct, a Thai mark moved clear of a vowel), its first glyph
    reads back as the whole cluster and the others as nothing, so the PDF's text
    is what was typed. Each such glyph gets a private character for that cluster.
    """
    face = font.face.name.decode("latin-1")
    clusters = [info.cluster for info in infos]
    starts = sorted(set(clusters))
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    for start in starts:
        glyphs = [index for index, cluster in enumerate(clusters) if cluster == start]
        letters = text[start : ends[start]]
        in_order = chr(codes[glyphs[0]]) == letters[0] and all(
            codes[index] < PRIVATE_USE_START for index in glyphs
        )
        if len(glyphs) < 2 or in_order:
            continue
        aliases = []
        for index in glyphs:
            glyph = infos[index].codepoint
            glyph_name = f"{hb_font.glyph_to_string(glyph)}/{letters}"
            try:
                aliases.append(font.hbAddPrivate(glyph_name, glyph, 1000))
            except AssertionError:  # reportlab's private characters ran out
                return
        for position, (index, code) in enumerate(zip(glyphs, aliases, strict=True)):
            codes[index] = code
            PRIVATE_TEXT.setdefault((face, code), letters if position == 0 else "")


# The letters each private character stands for, per font face: a glyph that
# HarfBuzz made from several letters (क्ष) reads back as those letters.
PRIVATE_TEXT: dict[tuple[str, int], str] = {}


def _map_private_glyphs(font, text, clusters, codes):
    """Give the private characters of each cluster the letters that the cluster's
    ordinary glyphs do not account for, in order; the last takes what is left."""
    face = font.face.name.decode("latin-1")
    starts = sorted(set(clusters))
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    for start in starts:
        glyphs = sorted(
            (index for index, cluster in enumerate(clusters) if cluster == start)
        )
        # Compatibility forms apart: HarfBuzz draws Thai ำ as ํ and า.
        letters = list(unicodedata.normalize("NFKC", text[start : ends[start]]))
        private = []
        for index in glyphs:
            code = codes[index]
            if (face, code) in PRIVATE_TEXT:
                continue
            if code >= PRIVATE_USE_START and chr(code) not in letters:
                private.append(code)
            elif chr(code) in letters:
                letters.remove(chr(code))
        for position, code in enumerate(private):
            last = position == len(private) - 1
            taken = "".join(letters) if last else "".join(letters[:1])
            letters = [] if last else letters[1:]
            if taken:
                PRIVATE_TEXT.setdefault((face, code), taken)


PRIVATE_USE_START = 0xE000


def _to_unicode_cmap(fontname, subset):
    """reportlab's ToUnicode CMap, with private characters mapped to their letters."""
    face = fontname.split("+", 1)[-1]
    entries = []
    for index, code in enumerate(subset):
        letters = PRIVATE_TEXT.get((face, code), chr(code))
        entries.append(f"<{index:02X}> <{letters.encode('utf-16-be').hex().upper()}>")
    head, _entries, tail = _reportlab_to_unicode_cmap(fontname, subset).partition(
        "beginbfchar"
    )
    return "\n".join(
        [
            head.rsplit("\n", 1)[0],
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar" + tail.split("endbfchar", 1)[1],
        ]
    )


_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap
# reportlab writes each PDF's text map with this module function; ours extends it.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def string_width(text: str, size: float, *, bold: bool = False) -> float:
    return line_width(((text, bold),), size)


def line_width(parts, size: float) -> float:
    return sum(run.width for run in layout(tuple(parts))) * size / 1000


def draw_text(canvas, x, y, text, *, size, bold=False, align="left"):
    """Draw one line of text at (x, y); align is "left", "centre" or "right"."""
    draw_parts(canvas, x, y, ((text, bold),), size=size, align=align)


def draw_parts(canvas, x, y, parts, *, size, align="left", rtl=None):
    """Draw one line made of (text, bold) parts, shaped and in display order."""
    runs = layout(tuple(parts), rtl)
    width = sum(run.width for run in runs) * size / 1000
    if align == "centre":
        x -= width / 2
    elif align == "right":
        x -= width
    for run in runs:
        canvas.setFont(run.font, size)
        canvas.drawString(x, y, run.text)
        x += run.width * size / 1000


class TextBlock(Flowable):
    """Flowing text in any script, the platypus counterpart of draw_text().

    parts are (text, bold) pieces of one paragraph; the style gives font size,
    leading, spacing, indent and colour (reportlab's ParagraphStyle). Lines break
    at spaces, and inside a word too long for the line (Chinese, Thai have no
    spaces). In a right-to-left language (the active one: PDFs are built in
    the reader's) lines are set flush right and their base direction is right to
    left, so "Bangkok، 2 ديسمبر 2026" reads from the right.
    """

    def __init__(self, parts, style):
        super().__init__()
        self.parts = [(text, bold) for text, bold in parts if text]
        self.style = style
        self.rtl = translation.get_language_bidi()
        self.spaceBefore = style.spaceBefore  # noqa: N815 - reportlab's name
        self.spaceAfter = style.spaceAfter  # noqa: N815 - reportlab's name
        self.lines = []
        self.kept_lines = None  # the lines of a part that split() made

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.lines = self.kept_lines or self._wrapped(available_width)
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width, available_height):
        """Cut between lines where the frame ends, as a Paragraph does."""
        lines = self.kept_lines or self._wrapped(available_width)
        fit = int(available_height // self.style.leading)
        if fit < 1 or fit >= len(lines):
            return []
        first, rest = TextBlock([], self.style), TextBlock([], self.style)
        first.kept_lines, rest.kept_lines = lines[:fit], lines[fit:]
        first.rtl = rest.rtl = self.rtl
        first.spaceAfter = rest.spaceBefore = 0
        return [first, rest]

    def _wrapped(self, available_width):
        measure = available_width - self.style.leftIndent - self.style.rightIndent
        return _wrap_parts(self.parts, max_width=measure, size=self.style.fontSize)

    def draw(self):
        canvas, style = self.canv, self.style
        canvas.setFillColor(style.textColor)
        for index, line in enumerate(self.lines):
            y = self.height - index * style.leading - style.fontSize
            if self.rtl:
                x, align = self.width - style.leftIndent, "right"
            else:
                x, align = style.leftIndent, "left"
            draw_parts(
                canvas, x, y, line, size=style.fontSize, align=align, rtl=self.rtl
            )


def paragraph(text, style, *, bold=False) -> TextBlock:
    """A paragraph of one text, regular or bold, in any script."""
    return TextBlock([(text, bold)], style)


def _wrap_parts(parts, *, max_width, size):
    """Break (text, bold) parts into lines, each a tuple of parts, that fit."""
    lines: list[list[tuple[str, bool]]] = [[]]

    def add(piece, bold):
        line = lines[-1]
        if line and line[-1][1] == bold:
            line[-1] = (line[-1][0] + piece, bold)
        else:
            line.append((piece, bold))

    for text, bold in parts:
        for token in _tokens(text):
            trial = [*lines[-1], (token, bold)]
            if not lines[-1] or line_width(_trim(trial), size) <= max_width:
                add(token, bold)
                continue
            if token.isspace():
                continue
            lines.append([])
            for piece in _fit_pieces(token, bold, max_width=max_width, size=size):
                if (
                    lines[-1]
                    and line_width(_trim([*lines[-1], (piece, bold)]), size) > max_width
                ):
                    lines.append([])
                add(piece, bold)
    return [tuple(_trim(line)) for line in lines if line]


def _tokens(text):
    """Words and the spaces between them, in order."""
    piece = ""
    for char in text:
        if piece and char.isspace() != piece[-1].isspace():
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


def _trim(line):
    """A line without the spaces it ends with."""
    line = list(line)
    while line and not line[-1][0].rstrip():
        line.pop()
    if line:
        line[-1] = (line[-1][0].rstrip(), line[-1][1])
    return line


def _fit_pieces(word, bold, *, max_width, size):
    """A word too wide for a line, cut between characters (never before a mark)."""
    piece = ""
    for char in word:
        if (
            piece
            and not unicodedata.combining(char)
            and unicodedata.category(char) != "Mc"
            and string_width(piece + char, size, bold=bold) > max_width
        ):
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


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
    """The language a person's PDF (badge, letter) is printed in: theirs, Arabic
    too, since every line is shaped and ordered (issue 16, point 10); a code the
    site does not offer prints in the default language."""
    if language in dict(settings.LANGUAGES):
        return language
    return settings.LANGUAGE_CODE


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
