import pytest
from django.db import connection
from django.urls import reverse

from agenda.enums import Role
from agenda.models import AgendaItem, Session, SessionRole
from delegates.roles import REGISTRATION_DESK, VIEWER
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    TrackFactory,
    meeting_time,
)

pytestmark = pytest.mark.django_db


def changelist(client, model, **params):
    return client.get(reverse(f"admin:agenda_{model}_changelist"), params)


def test_session_admin_saves_people_in_speaking_order_and_agenda_items(
    organiser_client, session_admin_data
):
    meeting = MeetingFactory()
    chair = SpeakerFactory(meeting=meeting, name="Maria Santos")
    panellist = SpeakerFactory(meeting=meeting, name="Budi Santoso")
    item = AgendaItemFactory(meeting=meeting, number=5)
    track = TrackFactory(meeting=meeting)

    organiser_client.post(
        reverse("admin:agenda_session_add"),
        session_admin_data(
            meeting,
            track=track.pk,
            interpretation=["zh", "ru"],
            **{
                "roles-TOTAL_FORMS": "2",
                "roles-0-position": "2",
                "roles-0-role": Role.PANELLIST,
                "roles-0-speaker": panellist.pk,
                "roles-1-position": "1",
                "roles-1-role": Role.CHAIR,
                "roles-1-speaker": chair.pk,
                "AgendaItem_sessions-TOTAL_FORMS": "1",
                "AgendaItem_sessions-0-agendaitem": item.pk,
            },
        ),
    )

    session = Session.objects.get()
    assert [(r.role, r.speaker) for r in session.roles.all()] == [
        (Role.CHAIR, chair),
        (Role.PANELLIST, panellist),
    ]
    assert list(session.agenda_items.all()) == [item]
    assert session.track == track
    assert session.interpretation == ["zh", "ru"]


def test_session_admin_lets_an_organiser_item_have_no_people(
    organiser_client, session_admin_data
):
    meeting = MeetingFactory()

    organiser_client.post(
        reverse("admin:agenda_session_add"),
        session_admin_data(meeting, title="Coffee break", slug="coffee", kind="break"),
    )

    assert Session.objects.get().roles.count() == 0


@pytest.mark.parametrize("role", [REGISTRATION_DESK, VIEWER])
def test_session_admin_shows_sessions_read_only_to_the_desk_and_viewers(
    role_client, role
):
    session = SessionFactory(title="Opening plenary", interpretation=["fr"])
    client = role_client(role)

    listing = client.get(reverse("admin:agenda_session_changelist"))
    change = client.get(reverse("admin:agenda_session_change", args=[session.pk]))
    add = client.get(reverse("admin:agenda_session_add"))

    assert list(listing.context["cl"].result_list) == [session]
    assert 'name="form-0-published"' not in listing.content.decode()
    html = change.content.decode()
    assert "Opening plenary" in html
    assert 'name="title"' not in html
    assert 'name="_save"' not in html
    assert add.status_code == 403


def test_session_admin_filters_by_day_in_the_meeting_time_zone(organiser_client):
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    first_day = SessionFactory(meeting=meeting, start=meeting_time(meeting, 0, 6))
    SessionFactory(meeting=meeting, start=meeting_time(meeting, 1, 6))

    response = changelist(
        organiser_client,
        "session",
        meeting__id__exact=meeting.pk,
        day=meeting.start_date.isoformat(),
    )

    assert list(response.context["cl"].queryset) == [first_day]


def test_session_admin_day_filter_ignores_a_malformed_day(organiser_client):
    SessionFactory()

    response = changelist(organiser_client, "session", day="not-a-day")

    assert list(response.context["cl"].queryset) == []


@pytest.mark.parametrize("meeting_id", ["abc", "1.5", "١x", "²"])
def test_session_admin_day_filter_leaves_a_malformed_meeting_id_to_the_admin(
    organiser_client, meeting_id
):
    SessionFactory(meeting=MeetingFactory())
    SessionFactory(meeting=MeetingFactory())

    response = changelist(
        organiser_client, "session", meeting__id__exact=meeting_id, day="2030-01-01"
    )

    # The admin's own answer to a filter it cannot apply: the list, with a warning.
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_session_admin_day_filter_offers_no_days_of_a_meeting_that_does_not_exist(
    organiser_client,
):
    SessionFactory(meeting=MeetingFactory())
    last = SessionFactory(meeting=MeetingFactory())

    response = changelist(
        organiser_client, "session", meeting__id__exact=last.meeting_id + 1000
    )

    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert "day" not in filters
    assert list(response.context["cl"].queryset) == []


@pytest.mark.parametrize("filter_name", ["kind", "track__id__exact", "room__id__exact"])
def test_session_admin_offers_the_programme_filters(organiser_client, filter_name):
    session = SessionFactory(track=TrackFactory())
    value = {
        "kind": session.kind,
        "track__id__exact": session.track_id,
        "room__id__exact": session.room_id,
    }[filter_name]
    SessionFactory(
        meeting=session.meeting,
        kind="break",
        start=meeting_time(session.meeting, 1, 9),
    )

    response = changelist(organiser_client, "session", **{filter_name: value})

    assert list(response.context["cl"].queryset) == [session]


def test_speaker_autocomplete_finds_people_by_organisation(organiser_client):
    meeting = MeetingFactory()
    SpeakerFactory(meeting=meeting, name="Keiko Tanaka", organisation="JICA")
    SpeakerFactory(meeting=meeting, name="Omar Haddad", organisation="IsDB")

    response = organiser_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "JICA",
            "app_label": "agenda",
            "model_name": "sessionrole",
            "field_name": "speaker",
        },
    )

    assert [row["text"] for row in response.json()["results"]] == ["Keiko Tanaka"]


def test_agenda_item_admin_lists_items_in_un_order(organiser_client):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, number=3, sub_letter="a")
    AgendaItemFactory(meeting=meeting, number=3)
    AgendaItemFactory(meeting=meeting, number=10)

    response = changelist(organiser_client, "agendaitem")

    assert [item.label for item in response.context["cl"].result_list] == [
        "Item 3",
        "Item 3 (a)",
        "Item 10",
    ]


def test_speaker_admin_shows_each_persons_sessions(organiser_client):
    role = SessionRoleFactory(session=SessionFactory(title="Opening session"))

    response = organiser_client.get(
        reverse("admin:agenda_speaker_change", args=[role.speaker.pk])
    )

    assert "Opening session" in response.content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints need PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_session_admin_explains_a_room_taken_in_the_same_instant(
    organiser_client, session_admin_data, monkeypatch
):
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting)
    SessionFactory(meeting=meeting, room=room, start=meeting_time(meeting, 0, 9))
    # The other organiser's save lands between this form's check and its insert.
    monkeypatch.setattr(Session, "_schedule_errors", lambda session: {})

    response = organiser_client.post(
        reverse("admin:agenda_session_add"),
        session_admin_data(meeting, room=room.pk, start_1="09:30", end_1="10:30"),
        follow=True,
    )

    assert "booked for that time by someone else" in response.content.decode()
    assert Session.objects.count() == 1
    assert not SessionRole.objects.exists() and not AgendaItem.objects.exists()


def test_session_admin_saves_a_title_per_language(organiser_client, session_admin_data):
    meeting = MeetingFactory()

    organiser_client.post(
        reverse("admin:agenda_session_add"),
        session_admin_data(
            meeting,
            title_en="Opening session",
            title_ar="الجلسة الافتتاحية",
            title_ru="Церемония открытия",
            description_fr="Allocutions de bienvenue.",
        ),
    )

    session = Session.objects.get()
    assert (session.title_en, session.title_ar, session.title_ru) == (
        "Opening session",
        "الجلسة الافتتاحية",
        "Церемония открытия",
    )
    assert session.description_fr == "Allocutions de bienvenue."
    assert session.title_fr is None
