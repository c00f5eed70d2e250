"""The list of participants as a PDF, grouped exactly as the public page."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer

from consultation.pdf import (
    BOLD,
    REGULAR,
    TextBlock,
    draw_text,
    meeting_dates,
    paragraph,
    register_fonts,
)

INK = HexColor("#0b3d6e")
TITLE = ParagraphStyle(
    "title", fontName=BOLD, fontSize=15, leading=19, textColor=INK, spaceAfter=4
)
SUBTITLE = ParagraphStyle("subtitle", fontName=REGULAR, fontSize=10, leading=13)
GROUP = ParagraphStyle(
    "group",
    fontName=BOLD,
    fontSize=13,
    leading=16,
    textColor=INK,
    spaceBefore=10,
    spaceAfter=4,
)
ENTITY = ParagraphStyle(
    "entity", fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=2
)
PERSON = ParagraphStyle(
    "person", fontName=REGULAR, fontSize=9.5, leading=12, leftIndent=8 * mm
)


def render_participant_list(meeting, groups) -> bytes:
    """Return the list of participants as PDF from the public list's groups."""
    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("List of participants"),
        creator="consultation",
    )
    story = [
        paragraph(_("List of participants"), TITLE, bold=True),
        paragraph(meeting.title, SUBTITLE),
        paragraph(f"{meeting.city}, {meeting_dates(meeting)}", SUBTITLE),
        Spacer(1, 4 * mm),
    ]
    for group in groups:
        story.append(paragraph(str(group.heading), GROUP, bold=True))
        for entity in group.entities:
            people = [_person(participant) for participant in entity.participants]
            # An entity's heading never ends a page apart from its first people.
            story.append(
                KeepTogether([paragraph(entity.name, ENTITY, bold=True), *people[:2]])
            )
            story.extend(people[2:])
    if not groups:
        story.append(paragraph(_("No participants are listed yet."), SUBTITLE))
    printed = formats.date_format(
        timezone.localdate(timezone=meeting.tzinfo), "DATE_FORMAT"
    )

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(HexColor("#495057"))
        draw_text(
            canvas,
            20 * mm,
            10 * mm,
            f"{meeting.short_name} · {_('List of participants')} · {printed}",
            size=7.5,
        )
        draw_text(
            canvas, A4[0] - 20 * mm, 10 * mm, str(doc.page), size=7.5, align="right"
        )
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _person(participant):
    parts = []
    if participant.role != "delegate":
        parts.append((f"{participant.role_label}: ", False))
    parts.append((participant.name, True))
    details = ", ".join(
        value for value in (participant.job_title, participant.organisation) if value
    )
    if details:
        parts.append((f", {details}", False))
    return TextBlock(parts, PERSON)
