import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    MeetingFactory,
    RoomFactory,
    SessionFactory,
    meeting_time,
    publish_programme,
)

pytestmark = pytest.mark.django_db


def agenda_url(meeting):
    return reverse("agenda:agenda", kwargs={"meeting_slug": meeting.slug})


def test_agenda_groups_sessions_by_local_day_in_meeting_time_zone(client):
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    first_day = SessionFactory(meeting=meeting, start=meeting_time(meeting, 0, 9))
    # 23:30 UTC on the first day is 06:30 in Bangkok on the second day.
    utc_late = datetime.datetime.combine(
        meeting.start_date, datetime.time(23, 30), tzinfo=datetime.UTC
    )
    second_day = SessionFactory(meeting=meeting, start=utc_late)
    publish_programme(meeting)

    response = client.get(agenda_url(meeting))

    days = response.context["days"]
    assert [day.date for day in days] == [
        meeting.start_date,
        meeting.start_date + datetime.timedelta(days=1),
    ]
    assert [day.sessions for day in days] == [[first_day], [second_day]]
    html = response.content.decode()
    assert "06:30" in html
    assert "All times are local time in Asia/Bangkok" in html


def test_agenda_hides_unpublished_sessions(client):
    meeting = MeetingFactory()
    shown = SessionFactory(meeting=meeting, title="Opening session")
    SessionFactory(meeting=meeting, title="Secret bilateral", published=False)
    publish_programme(meeting)

    response = client.get(agenda_url(meeting))

    assert [s for day in response.context["days"] for s in day.sessions] == [shown]
    assert "Secret bilateral" not in response.content.decode()


def test_agenda_of_unpublished_meeting_is_not_found(client):
    meeting = MeetingFactory(published=False)

    response = client.get(agenda_url(meeting))

    assert response.status_code == 404


def test_agenda_query_count_is_constant_in_the_number_of_sessions(client):
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting)
    SessionFactory(meeting=meeting, room=room)
    publish_programme(meeting)
    with CaptureQueriesContext(connection) as one:
        client.get(agenda_url(meeting))
    for n in range(29):
        SessionFactory(
            meeting=meeting,
            room=RoomFactory(meeting=meeting),
            start=meeting_time(meeting, n % 3, 8 + n % 10),
        )
    publish_programme(meeting)

    with CaptureQueriesContext(connection) as thirty:
        response = client.get(agenda_url(meeting))

    assert sum(len(day.sessions) for day in response.context["days"]) == 30
    assert len(thirty) == len(one)


def test_session_detail_shows_time_in_meeting_zone_and_room(client):
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    room = RoomFactory(meeting=meeting, name="Conference Room 1")
    session = SessionFactory(
        meeting=meeting,
        room=room,
        title="Opening session",
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10, 30),
    )
    publish_programme(meeting)

    response = client.get(session.get_absolute_url())

    html = response.content.decode()
    assert "Opening session" in html
    assert "09:00" in html and "10:30" in html
    assert "Conference Room 1" in html


def test_session_detail_of_unpublished_session_is_not_found(client):
    session = SessionFactory(published=False)
    SessionFactory(meeting=session.meeting, start=meeting_time(session.meeting, 1, 9))
    publish_programme(session.meeting)

    response = client.get(session.get_absolute_url())

    assert response.status_code == 404
