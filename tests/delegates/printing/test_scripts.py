"""PDFs in every script (issue 16, point 10): Arabic joined and right to left,
Thai marks placed, Devanagari shaped, Chinese; read back in logical order.

pypdf gives shaped Arabic back as presentation forms: ``logical_text`` folds them
with NFKC before comparing (see tests/delegates/pdf_helpers.py).
"""

import datetime
import io

import pytest
from django.utils import translation
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from consultation.pdf import (
    REGULAR,
    TextBlock,
    draw_text,
    layout,
    pdf_language,
    register_fonts,
)
from delegates.enums import RegistrationStatus
from delegates.participants.selectors import public_participants
from delegates.printing.badges import render_badges
from delegates.printing.participants_pdf import render_participant_list
from delegates.printing.visa_letters import render_visa_letters
from tests.delegates.pdf_helpers import embedded_fonts, folded, logical_text, pdf_reader
from tests.factories import MeetingFactory, RegistrationFactory

APPROVED = RegistrationStatus.APPROVED

# Each word joins, reorders or stacks when shaped: لـ+ا makes a ligature, the
# Thai tone marks sit over upper vowels and ำ splits in two, क्ष and ष्ठ are
# conjuncts and ि is drawn before the consonant it follows.
SCRIPTS = {
    "arabic": ("عبد الله", "الشمري"),
    "thai": ("ปิ่นทอง", "น้ำที่ดี"),
    "devanagari": ("क्षितिज", "श्रेष्ठ"),
    "chinese": ("小明", "王"),
}


def canvas_pdf(text):
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    register_fonts()
    draw_text(canvas, 300, 700, text, size=14, align="centre")
    canvas.save()
    return buffer.getvalue()


def flowing_pdf(text):
    buffer = io.BytesIO()
    style = ParagraphStyle("body", fontName=REGULAR, fontSize=11, leading=15)
    SimpleDocTemplate(buffer).build([TextBlock([(text, False)], style)])
    return buffer.getvalue()


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("render", [canvas_pdf, flowing_pdf])
def test_text_in_every_script_reads_back_as_typed(script, render):
    words = " ".join(SCRIPTS[script])

    assert logical_text(render(words)) == folded(words)


def test_arabic_is_shaped_into_joined_forms_and_set_right_to_left():
    [run] = layout((("سلام", False),))

    # Drawn left to right: the meem (isolated, as alef does not join on), the
    # lam-alef ligature, then the initial seen at the right.
    assert run.font == "NotoSansArabic"
    assert [hex(ord(char)) for char in run.text] == ["0x645", "0xfefc", "0xfeb3"]


def test_a_latin_word_inside_arabic_keeps_its_own_order():
    runs = [run for run in layout((("مؤتمر COP في", False),)) if str(run.text).strip()]

    # Display order: the last Arabic word at the left, then COP, then the first.
    assert [run.font for run in runs] == [
        "NotoSansArabic",
        "NotoSans",
        "NotoSansArabic",
    ]
    assert [str(run.text).strip() for run in runs][1] == "COP"
    assert runs[0].text == layout((("في", False),))[0].text


def test_a_paragraph_longer_than_a_page_goes_on_on_the_next():
    text = " ".join(["المؤتمر الإقليمي للتعاون بين بلدان الجنوب"] * 300)

    content = flowing_pdf(text)

    assert len(pdf_reader(content).pages) > 1
    assert logical_text(content) == folded(text)


def test_a_long_line_with_no_spaces_wraps_instead_of_overflowing():
    text = "联合国" * 80

    assert logical_text(flowing_pdf(text)) == folded(text)


@pytest.mark.django_db
@pytest.mark.parametrize("script", SCRIPTS)
def test_badge_prints_names_in_every_script(script):
    given, family = SCRIPTS[script]
    registration = RegistrationFactory(
        status=APPROVED, given_name=given, family_name=family
    )

    text = logical_text(render_badges([registration], layout="a4"))

    assert folded(given) in text
    assert folded(family) in text


@pytest.mark.django_db
@pytest.mark.parametrize("script", SCRIPTS)
def test_list_of_participants_prints_names_in_every_script(script):
    meeting = MeetingFactory()
    given, family = SCRIPTS[script]
    RegistrationFactory(
        meeting=meeting,
        status=APPROVED,
        consent_public_list=True,
        given_name=given,
        family_name=family,
    )

    text = logical_text(render_participant_list(meeting, public_participants(meeting)))

    assert folded(given) in text
    assert folded(family) in text


def test_arabic_prints_in_arabic():
    assert pdf_language("ar") == "ar"
    assert pdf_language("xx") == "en"


@pytest.mark.django_db
def test_badge_of_an_arabic_language_delegate_has_arabic_labels():
    registration = RegistrationFactory(status=APPROVED, language="ar")
    with translation.override("ar"):
        label = registration.get_category_display()

    content = render_badges([registration], layout="a4")

    assert label.isascii() is False
    assert folded(label) in logical_text(content)
    assert "NotoSansArabic-Bold" in embedded_fonts(content)


@pytest.mark.django_db
def test_visa_letter_of_an_arabic_language_delegate_is_in_arabic():
    registration = RegistrationFactory(
        status=APPROVED,
        needs_visa_letter=True,
        passport_number="P1234567",
        passport_expiry=datetime.date(2030, 1, 1),
        date_of_birth=datetime.date(1980, 5, 17),
        nationality="EG",
        language="ar",
        given_name="عبد الله",
        family_name="الشمري",
    )
    with translation.override("ar"):
        closing = translation.gettext("Yours faithfully,")

    text = logical_text(render_visa_letters([registration]))

    assert closing != "Yours faithfully,"
    assert folded(closing) in text
    assert "عبد الله" in text


def text_x_positions(content):
    """Each drawn piece of text with the x where it starts, from the first page."""
    positions = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            positions.append((text.strip(), tm[4] * cm[0] + cm[4]))

    pdf_reader(content).pages[0].extract_text(visitor_text=visit)
    return positions


@pytest.mark.parametrize(("language", "flush"), [("ar", "right"), ("en", "left")])
def test_flowing_text_is_set_from_the_side_its_language_starts(language, flush):
    with translation.override(language):
        content = flowing_pdf("Bangkok")
    [(_text, x)] = text_x_positions(content)

    # A4 is 595 points wide; SimpleDocTemplate keeps an inch on either side.
    assert (x > 300) == (flush == "right")


@pytest.mark.django_db
def test_visa_letter_in_arabic_sets_the_passport_labels_on_the_right():
    registration = RegistrationFactory(
        status=APPROVED,
        needs_visa_letter=True,
        passport_number="P1234567",
        passport_expiry=datetime.date(2030, 1, 1),
        date_of_birth=datetime.date(1980, 5, 17),
        nationality="EG",
        language="ar",
    )

    positions = dict(text_x_positions(render_visa_letters([registration])))

    with translation.override("ar"):
        label = translation.gettext("Passport number")
    [label_x] = [x for text, x in positions.items() if folded(text) == folded(label)]
    assert label_x > positions["P1234567"]
