"""Dates and times in each language's own format, in the meeting's time zone."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import formats, timezone, translation

from consultation.formats import OUR_FORMATS
from consultation.pdf import meeting_dates
from tests.factories import MeetingFactory

# Tuesday 3 March 2026, 09:30 in Bangkok (02:30 UTC).
MOMENT = datetime.datetime(2026, 3, 3, 2, 30, tzinfo=datetime.UTC)


def render(source, language, **context):
    template = Template("{% load tz local_formats %}" + source)
    with (
        translation.override(language),
        timezone.override(zoneinfo.ZoneInfo("Asia/Bangkok")),
    ):
        return template.render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Tuesday 3 March 2026"),
        ("fr", "mardi 3 mars 2026"),
        ("es", "martes 3 de marzo de 2026"),
        ("ru", "Вторник, 3 марта 2026 г."),
        ("ar", "الثلاثاء 3 مارس 2026"),
        ("zh-hans", "2026年3月3日 星期二"),
    ],
)
def test_a_day_with_its_weekday_is_written_as_the_language_writes_it(
    language, expected
):
    assert (
        render('{{ moment|local_date:"WEEKDAY_DATE_FORMAT" }}', language, moment=MOMENT)
        == expected
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "3 March 2026"),
        ("fr", "3 mars 2026"),
        ("es", "3 de marzo de 2026"),
        ("ru", "3 марта 2026 г."),
        ("zh-hans", "2026年3月3日"),
    ],
)
def test_a_date_is_written_as_the_language_writes_it(language, expected):
    assert (
        render('{{ moment|date:"DATE_FORMAT" }}', language, moment=MOMENT) == expected
    )


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar", "zh-hans"])
def test_times_are_on_a_24_hour_clock_in_the_meeting_s_time_zone(language):
    assert render('{{ moment|time:"TIME_FORMAT" }}', language, moment=MOMENT) == "09:30"


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru", "ar", "zh-hans"])
def test_every_language_sets_every_one_of_our_formats(language):
    ours = formats.get_format_modules(language)[0]

    assert ours.__name__.startswith("consultation.formats.")
    assert all(hasattr(ours, name) for name in OUR_FORMATS)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "23–25 December 2026"),
        ("ru", "23–25 декабря 2026 г."),
        ("es", "23–25 de diciembre de 2026"),
        ("zh-hans", "2026年12月23日–2026年12月25日"),
    ],
)
def test_the_meeting_s_dates_on_a_pdf_follow_the_language(language, expected):
    meeting = MeetingFactory(
        start_date=datetime.date(2026, 12, 23), end_date=datetime.date(2026, 12, 25)
    )

    with translation.override(language):
        assert meeting_dates(meeting) == expected
