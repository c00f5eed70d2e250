"""Visa support letters (PDF) on the meeting's letterhead.

A letter carries passport details, so organisers generate it only with the
`delegates.view_passport_data` permission, and a delegate gets only their own,
through their private link. It is made on demand and never stored.
"""

import io

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from consultation.pdf import (
    BOLD,
    REGULAR,
    meeting_dates,
    paragraph,
    pdf_language,
    register_fonts,
)

from ..enums import RegistrationStatus
from ..services import RegistrationError

PASSPORT_FIELDS = {
    "passport_number": gettext_lazy("passport number"),
    "passport_expiry": gettext_lazy("passport expiry date"),
    "nationality": gettext_lazy("nationality"),
    "date_of_birth": gettext_lazy("date of birth"),
}
LETTERHEAD_INK = HexColor("#0b3d6e")

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=15)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11)
HEAD = ParagraphStyle(
    "head",
    parent=BODY,
    fontName=BOLD,
    fontSize=12,
    leading=15,
    textColor=LETTERHEAD_INK,
)
SUBJECT = ParagraphStyle("subject", parent=BODY, fontName=BOLD, spaceBefore=6)


def visa_letter_problem(registration) -> str | None:
    """Why no visa letter can be made for this registration, or None when one can."""
    if registration.status != RegistrationStatus.APPROVED:
        return _(
            "A visa support letter is issued only once the registration is approved."
        )
    if not registration.needs_visa_letter:
        return _("No visa support letter was requested with this registration.")
    missing = [
        str(label)
        for field, label in PASSPORT_FIELDS.items()
        if not getattr(registration, field)
    ]
    if missing:
        return _(
            "The visa support letter needs the passport details; missing: %(fields)s."
        ) % {"fields": ", ".join(missing)}
    if registration.passport_expiry < registration.meeting.end_date:
        return _("The passport expires before the meeting ends; a new one is needed.")
    return None


def render_visa_letters(registrations, *, today=None, progress=None) -> bytes:
    """Return one PDF with a letter for each registration, one after the other.

    `progress(count)`, if given, is called as each letter is laid out.
    Raises RegistrationError, naming the person, if any of them cannot have one.
    """
    register_fonts()
    registrations = list(registrations)
    for registration in registrations:
        problem = visa_letter_problem(registration)
        if problem:
            raise RegistrationError(f"{registration.full_name}: {problem}")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=_("Visa support letter"),
        creator="consultation",
    )
    story = []
    for index, registration in enumerate(registrations):
        if index:
            story.append(PageBreak())
        with translation.override(pdf_language(registration.language)):
            story.extend(_letter(registration, today=today))
        if progress:
            story.append(_Progress(progress, index + 1))
    document.build(story)
    return buffer.getvalue()


class _Progress(Flowable):
    """Takes no room; tells how many letters are laid out when its turn comes."""

    def __init__(self, progress, count):
        super().__init__()
        self.progress, self.count = progress, count

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.progress(self.count)


def _p(text, style=BODY, *, bold=False):
    return paragraph(text, style, bold=bold)


def _letter(registration, *, today=None):
    meeting = registration.meeting
    today = today or timezone.localdate(timezone=meeting.tzinfo)
    organisers = meeting.organiser_list or [meeting.title]
    letterhead = [_p(organisers[0], HEAD, bold=True)]
    letterhead += [_p(name, SMALL) for name in organisers[1:]]
    letterhead.append(_p(meeting.title, SMALL))
    rule = Table([[""]], colWidths=[160 * mm], rowHeights=[2])
    rule.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 1.5, LETTERHEAD_INK)]))

    place_and_date = f"{meeting.city}, {formats.date_format(today, 'DATE_FORMAT')}"
    reference = _("Ref.: %(short)s/VISA/%(number)05d") % {
        "short": meeting.short_name,
        "number": registration.pk,
    }
    country = meeting.country.name
    person = registration.display_name
    passport = [
        (_("Full name"), registration.full_name),
        (_("Nationality"), registration.nationality.name),
        (
            _("Date of birth"),
            formats.date_format(registration.date_of_birth, "DATE_FORMAT"),
        ),
        (_("Passport number"), registration.passport_number),
        (
            _("Passport valid until"),
            formats.date_format(registration.passport_expiry, "DATE_FORMAT"),
        ),
    ]
    rows = [[_p(label, bold=True), _p(value)] for label, value in passport]
    widths = [45 * mm, 110 * mm]
    if translation.get_language_bidi():  # the label column on the right
        rows, widths = [row[::-1] for row in rows], widths[::-1]
    details = Table(rows, colWidths=widths)
    details.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    texts = {
        "addressee": _("To the Embassy or Consulate of %(country)s")
        % {"country": country},
        "subject": _("Visa support letter: %(meeting)s") % {"meeting": meeting.title},
        "opening": _("Excellency, Dear Sir or Madam,"),
        "confirm": _(
            "We have the honour to confirm that %(person)s, %(job)s, %(organisation)s, "
            "is registered and accepted to attend the %(meeting)s, which takes place "
            "at the %(venue)s in %(city)s, %(country)s, on %(dates)s."
        )
        % {
            "person": person,
            "job": registration.job_title,
            "organisation": registration.organisation,
            "meeting": meeting.title,
            "venue": meeting.venue,
            "city": meeting.city,
            "country": country,
            "dates": meeting_dates(meeting),
        },
        "passport": _("The participant's passport details are as follows:"),
        "request": _visa_request(registration),
        "costs": _(
            "This letter does not commit the organisers to cover any travel, "
            "accommodation or other costs of the participant."
        ),
        "closing": _("Yours faithfully,"),
        "signature": meeting.visa_letter_signatory
        or _("The Secretariat of the %(meeting)s") % {"meeting": meeting.short_name},
    }
    signatory_title = (
        [_p(meeting.visa_letter_signatory_title)]
        if meeting.visa_letter_signatory and meeting.visa_letter_signatory_title
        else []
    )
    return [
        *letterhead,
        Spacer(1, 2 * mm),
        rule,
        Spacer(1, 8 * mm),
        _p(place_and_date),
        _p(reference, SMALL),
        Spacer(1, 6 * mm),
        _p(texts["addressee"]),
        Spacer(1, 4 * mm),
        _p(texts["subject"], SUBJECT, bold=True),
        Spacer(1, 4 * mm),
        _p(texts["opening"]),
        Spacer(1, 3 * mm),
        _p(texts["confirm"]),
        Spacer(1, 3 * mm),
        KeepTogether([_p(texts["passport"]), Spacer(1, 2 * mm), details]),
        Spacer(1, 3 * mm),
        _p(texts["request"]),
        Spacer(1, 3 * mm),
        _p(texts["costs"]),
        Spacer(1, 8 * mm),
        _p(texts["closing"]),
        Spacer(1, 12 * mm),
        _p(texts["signature"], bold=True),
        *signatory_title,
        _p(", ".join(organisers), SMALL),
    ]


def _visa_request(registration):
    """The request, for the stay the delegate gave (arrival to departure)."""
    arrival, departure = registration.arrival_date, registration.departure_date
    if arrival and departure:
        return _(
            "We should be grateful for any assistance your office can extend in "
            "issuing the appropriate visa for the participant's stay from "
            "%(arrival)s to %(departure)s."
        ) % {
            "arrival": formats.date_format(arrival, "DATE_FORMAT"),
            "departure": formats.date_format(departure, "DATE_FORMAT"),
        }
    return _(
        "We should be grateful for any assistance your office can extend in "
        "issuing the appropriate visa for the duration of the meeting."
    )
