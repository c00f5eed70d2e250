import datetime
import json
import os
import zoneinfo
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from agenda.versions import publish_programme_version
from tests.factories import (
    MeetingFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    TrackFactory,
    meeting_time,
)

pytestmark = pytest.mark.django_db

SCHEMA = Path(settings.BASE_DIR).parent / "shared" / "schemas" / "frab-schedule.xsd"
UTC = datetime.UTC


def feed_url(name, meeting, **kwargs):
    return reverse(f"agenda:{name}", kwargs={"meeting_slug": meeting.slug, **kwargs})


def parse_calendar(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def frab_schema():
    if not SCHEMA.exists():
        reason = f"frab schema not found at {SCHEMA} (the shared folder is absent)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.fixture
def meeting():
    return MeetingFactory(time_zone="Asia/Bangkok", slug="ssc")


def test_agenda_ics_has_the_meeting_zone_and_each_session_in_it(client, meeting):
    room = RoomFactory(meeting=meeting, name="Plenary hall")
    session = SessionFactory(
        meeting=meeting,
        room=room,
        title="Opening session",
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10, 30),
    )
    SessionFactory(meeting=meeting, title="Draft bilateral", published=False)
    publish_programme_version(meeting=meeting, name="v1")

    calendar = parse_calendar(client.get(feed_url("agenda_ics", meeting)))

    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Bangkok"
    [event] = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Opening session"
    assert event["LOCATION"] == "Plenary hall"
    assert event["DTSTART"].params["TZID"] == "Asia/Bangkok"
    assert event.start == meeting_time(meeting, 0, 9)
    assert event.start.tzinfo == zoneinfo.ZoneInfo("Asia/Bangkok")
    assert event.end == meeting_time(meeting, 0, 10, 30)
    assert event["UID"] == f"ssc-session-{session.pk}@testserver"
    assert event["URL"] == f"http://testserver{session.get_absolute_url()}"
    assert event["SEQUENCE"] == 0
    meeting.refresh_from_db()
    assert event["DTSTAMP"].dt == meeting.programme_changed_at.replace(microsecond=0)
    assert "LAST-MODIFIED" in event


def test_session_ics_keeps_a_session_crossing_utc_midnight_on_its_local_times(
    client, meeting
):
    # 06:00-08:00 in Bangkok is 23:00-01:00 UTC, across midnight in UTC.
    session = SessionFactory(
        meeting=meeting,
        start=meeting_time(meeting, 1, 6),
        end=meeting_time(meeting, 1, 8),
    )
    publish_programme_version(meeting=meeting, name="v1")

    response = client.get(feed_url("session_ics", meeting, session_slug=session.slug))

    [event] = parse_calendar(response).walk("VEVENT")
    day = meeting.start_date + datetime.timedelta(days=1)
    assert event.start.astimezone(UTC) == datetime.datetime.combine(
        day - datetime.timedelta(days=1), datetime.time(23), tzinfo=UTC
    )
    assert event.end.astimezone(UTC) == datetime.datetime.combine(
        day, datetime.time(1), tzinfo=UTC
    )
    assert (event.start.hour, event.end.hour) == (6, 8)
    assert b"DTSTART;TZID=Asia/Bangkok:" in response.content
    assert response["Content-Disposition"] == (
        f'attachment; filename="{session.slug}.ics"'
    )


def test_session_ics_uid_stays_the_same_when_the_session_moves(client, meeting):
    session = SessionFactory(meeting=meeting, start=meeting_time(meeting, 0, 9))
    url = feed_url("session_ics", meeting, session_slug=session.slug)
    publish_programme_version(meeting=meeting, name="v1")
    [before] = parse_calendar(client.get(url)).walk("VEVENT")

    session.start = meeting_time(meeting, 1, 9)
    session.end = meeting_time(meeting, 1, 10)
    session.save()
    publish_programme_version(meeting=meeting, name="v2")
    [after] = parse_calendar(client.get(url)).walk("VEVENT")

    assert after["UID"] == before["UID"]
    assert after.start == meeting_time(meeting, 1, 9)


def test_session_ics_sequence_counts_published_changes_to_the_session(client, meeting):
    session = SessionFactory(meeting=meeting, start=meeting_time(meeting, 0, 9))
    url = feed_url("session_ics", meeting, session_slug=session.slug)
    publish_programme_version(meeting=meeting, name="v1")

    session.start = meeting_time(meeting, 0, 11)
    session.end = meeting_time(meeting, 0, 12)
    session.save()
    [edited] = parse_calendar(client.get(url)).walk("VEVENT")
    version = publish_programme_version(meeting=meeting, name="v2")
    [published] = parse_calendar(client.get(url)).walk("VEVENT")

    assert (edited["SEQUENCE"], edited.start) == (0, meeting_time(meeting, 0, 9))
    assert (published["SEQUENCE"], published.start) == (1, meeting_time(meeting, 0, 11))
    assert published["LAST-MODIFIED"].dt == version.published_at.replace(microsecond=0)


def test_session_ics_of_an_unpublished_session_is_not_found(client, meeting):
    session = SessionFactory(meeting=meeting, published=False)
    SessionFactory(meeting=meeting, start=meeting_time(meeting, 1, 9))
    publish_programme_version(meeting=meeting, name="v1")

    response = client.get(feed_url("session_ics", meeting, session_slug=session.slug))

    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_schedule_json_lists_days_and_sessions_with_offset_times(client, meeting):
    room = RoomFactory(meeting=meeting, name="Plenary hall")
    opening = SessionFactory(
        meeting=meeting,
        room=room,
        title="Opening session",
        kind="opening",
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10),
    )
    coffee = SessionFactory(
        meeting=meeting,
        room=None,
        title="Coffee break",
        kind="break",
        start=meeting_time(meeting, 1, 10, 30),
        end=meeting_time(meeting, 1, 11),
    )
    chair = SpeakerFactory(meeting=meeting, name="Siriporn Chaiyasit", slug="siriporn")
    SessionRoleFactory(session=opening, speaker=chair, role="chair")
    SessionFactory(meeting=meeting, title="Draft", published=False)
    publish_programme_version(meeting=meeting, name="v1 – provisional")

    data = json.loads(client.get(feed_url("schedule_json", meeting)).content)

    assert data["meeting"]["time_zone"] == "Asia/Bangkok"
    assert data["version"]["name"] == "v1 – provisional"
    assert [day["date"] for day in data["days"]] == [
        day.isoformat() for day in meeting.days
    ]
    [[first], [second], []] = [day["sessions"] for day in data["days"]]
    assert first["id"] == opening.pk
    assert first["title"] == "Opening session"
    assert first["kind"] == "opening"
    assert first["start"] == f"{meeting.start_date.isoformat()}T09:00:00+07:00"
    assert first["end"] == f"{meeting.start_date.isoformat()}T10:00:00+07:00"
    assert first["room"] == {"id": room.pk, "name": "Plenary hall"}
    assert first["url"] == f"http://testserver{opening.get_absolute_url()}"
    assert first["people"] == [
        {
            "id": chair.pk,
            "name": "Siriporn Chaiyasit",
            "role": "chair",
            "role_label": "Chair",
            "title": chair.title,
            "organisation": chair.organisation,
            "url": f"http://testserver{chair.get_absolute_url()}",
        }
    ]
    assert second["id"] == coffee.pk
    assert second["room"] is None
    assert second["duration_minutes"] == 30


def test_schedule_xml_validates_against_the_frab_schema(client, meeting):
    schema = frab_schema()
    room = RoomFactory(meeting=meeting, name="Plenary hall")
    opening = SessionFactory(
        meeting=meeting,
        room=room,
        track=TrackFactory(meeting=meeting, name="Partnerships"),
        title="Opening & welcome <remarks>",
        description="Keynote by the Minister.",
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10, 30),
    )
    speaker = SpeakerFactory(meeting=meeting, name="Budi Santoso")
    SessionRoleFactory(session=opening, speaker=speaker)
    SessionFactory(meeting=meeting, room=None, kind="break", title="Coffee break")
    SessionFactory(
        meeting=meeting,
        room=room,
        start=meeting_time(meeting, 2, 6),
        end=meeting_time(meeting, 2, 8),
    )
    publish_programme_version(meeting=meeting, name="v1")

    response = client.get(feed_url("schedule_xml", meeting))

    document = etree.fromstring(response.content)
    schema.assertValid(document)
    assert document.findtext("version") == "v1"
    assert document.findtext("conference/title") == meeting.title
    assert [day.get("date") for day in document.findall("day")] == [
        day.isoformat() for day in meeting.days
    ]
    assert document.findall("day")[1].findall("room") == []
    event = document.find("day/room[@name='Plenary hall']/event")
    assert event.findtext("title") == "Opening & welcome <remarks>"
    assert event.findtext("start") == "09:00"
    assert event.findtext("duration") == "01:30"
    assert event.findtext("date") == f"{meeting.start_date.isoformat()}T09:00:00+07:00"
    assert event.findtext("room") == "Plenary hall"
    assert event.findtext("track") == "Partnerships"
    assert event.findtext("language") == "en"
    [person] = event.findall("persons/person")
    assert (person.text, person.get("id")) == ("Budi Santoso", str(speaker.pk))
    coffee = document.find(f"day/room[@name='{meeting.venue}']/event")
    assert coffee.findtext("title") == "Coffee break"


def test_schedule_xml_of_an_empty_programme_still_validates(client, meeting):
    schema = frab_schema()

    response = client.get(feed_url("schedule_xml", meeting))

    document = etree.fromstring(response.content)
    schema.assertValid(document)
    assert len(document.findall("day")) == 3
    assert document.findall("day/room/event") == []


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("agenda_ics", {}),
        ("schedule_json", {}),
        ("schedule_xml", {}),
        ("changelog", {}),
        ("changelog_rss", {}),
        ("changelog_atom", {}),
    ],
)
def test_feed_query_count_is_the_same_for_1_and_100_sessions(
    client, meeting, name, kwargs
):
    room = RoomFactory(meeting=meeting)
    SessionRoleFactory(session=SessionFactory(meeting=meeting, room=room))
    publish_programme_version(meeting=meeting, name="v1")
    with CaptureQueriesContext(connection) as one:
        client.get(feed_url(name, meeting, **kwargs))
    for n in range(99):
        session = SessionFactory(
            meeting=meeting,
            room=RoomFactory(meeting=meeting),
            track=TrackFactory(meeting=meeting),
            start=meeting_time(meeting, n % 3, 8 + n % 10),
        )
        SessionRoleFactory(session=session, role="chair")
        SessionRoleFactory(session=session)
    publish_programme_version(meeting=meeting, name="v2")

    with CaptureQueriesContext(connection) as hundred:
        response = client.get(feed_url(name, meeting, **kwargs))

    assert response.status_code == 200
    assert len(hundred) == len(one)


# Pasted from word processors and PDFs: bell, backspace, vertical tab, form feed,
# escape, unit separator (PostgreSQL already refuses NUL).
CONTROL_CHARACTERS = "\x07\x08\x0b\x0c\x1b\x1f"


def test_every_calendar_escapes_line_breaks_in_the_meeting_and_session_titles(
    client, meeting
):
    meeting.title = "Regional Consultation\non South-South Cooperation"
    meeting.save()
    session = SessionFactory(
        meeting=meeting,
        title="Opening session\r\nand welcome",
        room=RoomFactory(meeting=meeting, name="Plenary\nhall"),
        description="Keynote.\n\nQuestions from the floor.",
    )
    publish_programme_version(meeting=meeting, name="v1")

    agenda = parse_calendar(client.get(feed_url("agenda_ics", meeting)))
    one = parse_calendar(
        client.get(feed_url("session_ics", meeting, session_slug=session.slug))
    )

    # Neither property is known to the parser, which keeps their escaped form.
    assert str(agenda["X-WR-CALNAME"]) == (
        r"Regional Consultation\non South-South Cooperation"
    )
    assert str(agenda["NAME"]) == str(agenda["X-WR-CALNAME"])
    assert str(one["X-WR-CALNAME"]) == (
        r"Opening session\nand welcome · "
        r"Regional Consultation\non South-South Cooperation"
    )
    for calendar in (agenda, one):
        [event] = calendar.walk("VEVENT")
        assert event["SUMMARY"] == "Opening session\nand welcome"
        assert event["LOCATION"] == "Plenary\nhall"
        assert event["DESCRIPTION"] == "Keynote.\n\nQuestions from the floor."


def test_calendars_leave_out_control_characters(client, meeting):
    meeting.title = f"Regional{CONTROL_CHARACTERS} Consultation"
    meeting.save()
    session = SessionFactory(
        meeting=meeting,
        title=f"Opening\x7f session{CONTROL_CHARACTERS}",
        room=RoomFactory(meeting=meeting, name=f"Plenary{CONTROL_CHARACTERS} hall"),
        description=f"Keynote\tby the{CONTROL_CHARACTERS} Minister.",
    )
    publish_programme_version(meeting=meeting, name="v1")

    responses = [
        client.get(feed_url("agenda_ics", meeting)),
        client.get(feed_url("session_ics", meeting, session_slug=session.slug)),
    ]

    for response in responses:
        assert not set(response.content.decode()) & set(CONTROL_CHARACTERS + "\x7f")
        calendar = parse_calendar(response)
        [event] = calendar.walk("VEVENT")
        assert event["SUMMARY"] == "Opening session"
        assert event["LOCATION"] == "Plenary hall"
        assert event["DESCRIPTION"] == "Keynote\tby the Minister."
    assert str(parse_calendar(responses[0])["X-WR-CALNAME"]) == "Regional Consultation"


def test_schedule_xml_leaves_out_characters_xml_cannot_hold(client, meeting):
    schema = frab_schema()
    meeting.title = f"Regional{CONTROL_CHARACTERS} Consultation"
    meeting.save()
    session = SessionFactory(
        meeting=meeting,
        title=f"Opening{CONTROL_CHARACTERS} session",
        description=f"Keynote{CONTROL_CHARACTERS}\nby the Minister.",
        room=RoomFactory(meeting=meeting, name=f"Plenary{CONTROL_CHARACTERS} hall"),
        track=TrackFactory(meeting=meeting, name=f"Partner{CONTROL_CHARACTERS}ships"),
    )
    SessionRoleFactory(
        session=session,
        speaker=SpeakerFactory(meeting=meeting, name=f"Budi{CONTROL_CHARACTERS} S."),
    )
    publish_programme_version(meeting=meeting, name="v1")

    response = client.get(feed_url("schedule_xml", meeting))

    document = etree.fromstring(response.content)
    schema.assertValid(document)
    assert document.findtext("conference/title") == "Regional Consultation"
    event = document.find("day/room[@name='Plenary hall']/event")
    assert event.findtext("title") == "Opening session"
    assert event.findtext("description") == "Keynote\nby the Minister."
    assert event.findtext("room") == "Plenary hall"
    assert event.findtext("track") == "Partnerships"
    assert event.findtext("persons/person") == "Budi S."
    assert event.find("links/link").text == "Opening session"


@pytest.mark.parametrize("name", ["changelog_rss", "changelog_atom"])
def test_changelog_feeds_leave_out_characters_xml_cannot_hold(client, meeting, name):
    meeting.title = f"Regional{CONTROL_CHARACTERS} Consultation"
    meeting.save()
    session = SessionFactory(meeting=meeting, title="Session 1")
    publish_programme_version(meeting=meeting, name="v1")
    session.title = f"Session 1:{CONTROL_CHARACTERS} Frameworks"
    session.save()
    publish_programme_version(
        meeting=meeting,
        name=f"v2{CONTROL_CHARACTERS}",
        notes=f"Re{CONTROL_CHARACTERS}named.",
    )

    response = client.get(feed_url(name, meeting))

    document = etree.fromstring(response.content)
    text = etree.tostring(document, encoding="unicode")
    assert "Programme changes: Regional Consultation" in text
    assert ">v2<" in text
    assert "Session 1: Frameworks" in text
    assert "Renamed." in text
