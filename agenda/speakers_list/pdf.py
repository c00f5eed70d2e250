"""A list of speakers as a PDF, in speaking order (reportlab, the shared fonts)."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from consultation.pdf import BOLD, REGULAR, draw_text, paragraph, register_fonts

INK = HexColor("#0b3d6e")
TITLE = ParagraphStyle(
    "title", fontName=BOLD, fontSize=15, leading=19, textColor=INK, spaceAfter=4
)
SUBTITLE = ParagraphStyle("subtitle", fontName=REGULAR, fontSize=10, leading=13)
CELL = ParagraphStyle("cell", fontName=REGULAR, fontSize=9.5, leading=12)
HEAD = ParagraphStyle("head", fontName=BOLD, fontSize=9.5, leading=12)
COLUMN_WIDTHS = [12 * mm, 50 * mm, 60 * mm, 48 * mm]


def render_list_of_speakers(list_of_speakers, order) -> bytes:
    """Return the list of speakers as PDF: place, delegation, speaker, level."""
    register_fonts()
    item = list_of_speakers.agenda_item
    meeting = item.meeting
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("List of speakers"),
        creator="consultation",
    )
    story = [
        paragraph(_("List of speakers"), TITLE, bold=True),
        paragraph(meeting.title, SUBTITLE),
        paragraph(str(item), SUBTITLE),
        Spacer(1, 4 * mm),
    ]
    if order:
        rows = [
            [
                paragraph(heading, HEAD, bold=True)
                for heading in (
                    _("Place"),
                    _("Delegation"),
                    _("Speaker"),
                    _("Speaks as"),
                )
            ]
        ]
        rows.extend(
            [
                paragraph(str(entry.position), CELL),
                paragraph(entry.delegation.name, CELL),
                paragraph(entry.speaker.display_name, CELL),
                paragraph(entry.get_level_display(), CELL),
            ]
            for entry in order
        )
        table = Table(rows, colWidths=COLUMN_WIDTHS, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, HexColor("#adb5bd")),
                ]
            )
        )
        story.append(table)
    else:
        story.append(paragraph(_("No speaker is inscribed yet."), SUBTITLE))
    printed = formats.date_format(
        timezone.localtime(timezone=meeting.tzinfo), "j F Y, H:i"
    )

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(HexColor("#495057"))
        draw_text(
            canvas,
            20 * mm,
            10 * mm,
            f"{meeting.short_name} · {item.label} · {printed}",
            size=7.5,
        )
        draw_text(
            canvas, A4[0] - 20 * mm, 10 * mm, str(doc.page), size=7.5, align="right"
        )
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
