"""A room, a person and the meeting's days cannot be double-booked or overrun."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.urls import reverse

from agenda.enums import Role, SessionKind
from agenda.models import Session, SessionRole
from tests.factories import (
    MeetingFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    meeting_time,
)

pytestmark = pytest.mark.django_db


def test_session_in_a_room_already_used_then_is_refused_with_the_clash_named():
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting, name="Conference Room 1")
    SessionFactory(
        meeting=meeting,
        room=room,
        title="Opening session",
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10),
    )
    late = Session(
        meeting=meeting,
        room=room,
        title="Session 1",
        slug="session-1",
        kind=SessionKind.PANEL,
        start=meeting_time(meeting, 0, 9, 30),
        end=meeting_time(meeting, 0, 11),
    )

    with pytest.raises(ValidationError) as error:
        late.full_clean()

    assert error.value.message_dict["room"] == [
        "Conference Room 1 is already used by “Opening session” from "
        f"{meeting_time(meeting, 0, 9).strftime('%a %d %b')} 09:00 to 10:00."
    ]


def test_sessions_back_to_back_in_one_room_do_not_conflict():
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting)
    SessionFactory(
        meeting=meeting,
        room=room,
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10),
    )
    next_one = SessionFactory.build(
        meeting=meeting,
        room=room,
        start=meeting_time(meeting, 0, 10),
        end=meeting_time(meeting, 0, 11),
    )

    next_one.full_clean()
    next_one.save()

    assert Session.objects.filter(room=room).count() == 2


def test_breaks_without_a_room_never_conflict():
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting, room=None, kind=SessionKind.BREAK, slug="coffee")
    lunch = SessionFactory.build(
        meeting=meeting, room=None, kind=SessionKind.BREAK, slug="photo"
    )

    lunch.full_clean()
    lunch.save()

    assert Session.objects.filter(room=None).count() == 2


def test_session_outside_the_meeting_days_in_its_time_zone_is_refused():
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    # 20:00 UTC on the last day is 03:00 the next morning in Bangkok.
    after_last_day = datetime.datetime.combine(
        meeting.end_date, datetime.time(20), tzinfo=datetime.UTC
    )
    session = SessionFactory.build(
        meeting=meeting,
        room=None,
        start=after_last_day,
        end=after_last_day + datetime.timedelta(hours=1),
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert "falls outside those days" in error.value.message_dict["start"][0]
    assert "Asia/Bangkok" in error.value.message_dict["start"][0]


def test_session_ending_at_midnight_after_the_last_day_is_within_the_meeting():
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    session = SessionFactory.build(
        meeting=meeting,
        room=None,
        start=meeting_time(meeting, 2, 22),
        end=meeting.local_end(),
    )

    session.full_clean()


def test_speaker_in_two_overlapping_sessions_is_refused():
    meeting = MeetingFactory()
    speaker = SpeakerFactory(meeting=meeting, name="Maria Santos")
    SessionRoleFactory(
        session=SessionFactory(
            meeting=meeting,
            title="Session 1",
            start=meeting_time(meeting, 0, 10, 30),
            end=meeting_time(meeting, 0, 12, 30),
        ),
        speaker=speaker,
    )
    parallel = SessionFactory(
        meeting=meeting,
        start=meeting_time(meeting, 0, 12),
        end=meeting_time(meeting, 0, 13),
    )
    role = SessionRole(session=parallel, speaker=speaker, role=Role.CHAIR)

    with pytest.raises(ValidationError) as error:
        role.full_clean()

    assert error.value.message_dict["speaker"] == [
        "Maria Santos is already in “Session 1” from "
        f"{meeting_time(meeting, 0, 9).strftime('%a %d %b')} 10:30 to 12:30."
    ]


def test_speaker_in_two_roles_of_one_session_is_allowed():
    session = SessionFactory()
    chair = SessionRoleFactory(session=session, role=Role.CHAIR)
    second_role = SessionRole(session=session, speaker=chair.speaker, role=Role.SPEAKER)

    second_role.full_clean()


def test_speaker_from_another_meeting_is_refused():
    session = SessionFactory()
    stranger = SpeakerFactory(meeting=MeetingFactory())
    role = SessionRole(session=session, speaker=stranger, role=Role.SPEAKER)

    with pytest.raises(ValidationError) as error:
        role.full_clean()

    assert error.value.message_dict["speaker"] == [
        "This person is on another meeting's programme."
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints need PostgreSQL"
)
def test_database_refuses_a_double_booked_room_even_past_validation():
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting)
    SessionFactory(meeting=meeting, room=room, start=meeting_time(meeting, 0, 9))
    clash = SessionFactory.build(
        meeting=meeting, room=room, start=meeting_time(meeting, 0, 9, 30)
    )

    with pytest.raises(IntegrityError, match="session_room_not_double_booked"):
        clash.save()


def test_admin_shows_the_room_clash_and_saves_nothing(
    organiser_client, session_admin_data
):
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting, name="Conference Room 1")
    SessionFactory(
        meeting=meeting,
        room=room,
        title="Opening session",
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10),
    )

    response = organiser_client.post(
        reverse("admin:agenda_session_add"), session_admin_data(meeting, room=room.pk)
    )

    assert "Conference Room 1 is already used by “Opening session”" in (
        response.content.decode()
    )
    assert list(Session.objects.values_list("title", flat=True)) == ["Opening session"]


def test_admin_shows_a_speaker_clash_when_a_session_moves_onto_their_time(
    organiser_client, session_admin_data
):
    meeting = MeetingFactory()
    speaker = SpeakerFactory(meeting=meeting, name="Budi Santoso")
    SessionRoleFactory(
        session=SessionFactory(
            meeting=meeting,
            title="Session 2",
            start=meeting_time(meeting, 0, 14),
            end=meeting_time(meeting, 0, 15),
        ),
        speaker=speaker,
    )
    moving = SessionFactory(
        meeting=meeting,
        room=None,
        slug="resource-mobilisation",
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10),
    )
    role = SessionRoleFactory(session=moving, speaker=speaker, position=1)

    response = organiser_client.post(
        reverse("admin:agenda_session_change", args=[moving.pk]),
        session_admin_data(
            meeting,
            start_1="14:30",
            end_1="15:30",
            **{
                "roles-TOTAL_FORMS": "1",
                "roles-INITIAL_FORMS": "1",
                "roles-0-id": role.pk,
                "roles-0-session": moving.pk,
                "roles-0-position": "1",
                "roles-0-role": "speaker",
                "roles-0-speaker": speaker.pk,
            },
        ),
    )

    assert "Budi Santoso is already in “Session 2”" in response.content.decode()
    moving.refresh_from_db()
    assert moving.start == meeting_time(meeting, 0, 9)


def test_admin_refuses_a_session_outside_the_meeting(
    organiser_client, session_admin_data
):
    meeting = MeetingFactory()
    day_before = (meeting.start_date - datetime.timedelta(days=1)).isoformat()

    response = organiser_client.post(
        reverse("admin:agenda_session_add"),
        session_admin_data(meeting, start_0=day_before, end_0=day_before),
    )

    assert "this session falls outside those days" in response.content.decode()
    assert not Session.objects.exists()
