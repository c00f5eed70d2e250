import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from agenda.models import Session
from tests.factories import MeetingFactory, RoomFactory, SessionFactory, meeting_time

pytestmark = pytest.mark.django_db


def test_database_refuses_a_session_that_ends_before_it_starts():
    session = SessionFactory.build(meeting=MeetingFactory(), room=None)
    session.end = session.start - datetime.timedelta(minutes=1)

    with pytest.raises(IntegrityError, match="session_ends_after_start"):
        session.save()


def test_database_refuses_a_session_of_100_hours_or_more():
    meeting = MeetingFactory()
    session = SessionFactory.build(meeting=meeting, room=None)
    session.end = session.start + datetime.timedelta(hours=100)

    with pytest.raises(IntegrityError, match="session_lasts_under_100_hours"):
        session.save()


def test_admin_reads_and_shows_session_times_in_the_meeting_time_zone(
    organiser_client, session_admin_data
):
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    room = RoomFactory(meeting=meeting)

    organiser_client.post(
        reverse("admin:agenda_session_add"),
        session_admin_data(
            meeting,
            title="Opening session",
            slug="opening",
            kind="opening",
            start_1="09:00",
            end_1="10:00",
            room=room.pk,
        ),
    )

    session = Session.objects.get()
    assert session.start == meeting_time(meeting, 0, 9)
    assert session.start.astimezone(datetime.UTC).hour == 2
    change_page = organiser_client.get(
        reverse("admin:agenda_session_change", args=[session.pk])
    )
    assert 'value="09:00:00"' in change_page.content.decode()


def test_admin_explains_a_session_ending_before_it_starts(
    organiser_client, session_admin_data
):
    meeting = MeetingFactory()

    response = organiser_client.post(
        reverse("admin:agenda_session_add"),
        session_admin_data(meeting, start_1="11:00", end_1="10:00"),
    )

    assert "A session must end after it starts." in response.content.decode()
    assert Session.objects.count() == 0


def test_admin_explains_a_session_of_100_hours_or_more(
    organiser_client, session_admin_data
):
    meeting = MeetingFactory()
    meeting.end_date = meeting.start_date + datetime.timedelta(days=5)
    meeting.save()
    day_5 = meeting.start_date + datetime.timedelta(days=4)

    too_long = organiser_client.post(
        reverse("admin:agenda_session_add"),
        session_admin_data(
            meeting, start_1="09:00", end_0=day_5.isoformat(), end_1="13:00"
        ),
    )
    just_under = organiser_client.post(
        reverse("admin:agenda_session_add"),
        session_admin_data(
            meeting, start_1="09:00", end_0=day_5.isoformat(), end_1="12:59"
        ),
    )

    assert too_long.context["adminform"].form.errors == {
        "end": [
            "A session must last less than 100 hours; "
            "split a longer one into several sessions."
        ]
    }
    assert just_under.status_code == 302
    session = Session.objects.get()
    assert session.end - session.start == datetime.timedelta(hours=99, minutes=59)
