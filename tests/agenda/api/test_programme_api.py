"""The programme in the API: the latest published version, for anyone."""

import pytest
from django.urls import reverse

from agenda.enums import Role
from tests.api_tokens import api_client
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    SessionFactory,
    SessionRoleFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    publish_programme,
)

pytestmark = pytest.mark.django_db


def url(name, meeting):
    return reverse(name, kwargs={"meeting_slug": meeting.slug})


def test_sessions_are_the_published_version_not_the_working_programme():
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting, title="Opening")
    publish_programme(meeting, name="v1 – provisional")
    session.title = "Opening of the session"
    session.save()
    SessionFactory(meeting=meeting, title="Not yet published")

    response = api_client().get(url("api-sessions", meeting))

    body = response.json()
    assert body["version"]["name"] == "v1 – provisional"
    assert [s["title"] for s in body["results"]] == ["Opening"]
    assert body["results"][0]["room"]["name"] == session.room.name


def test_before_any_version_the_programme_is_empty():
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting)

    response = api_client().get(url("api-sessions", meeting))

    assert response.json() == {"version": None, "results": []}


def test_people_are_those_on_the_published_programme():
    meeting = MeetingFactory()
    role = SessionRoleFactory(
        session__meeting=meeting, speaker__meeting=meeting, role=Role.SPEAKER
    )
    publish_programme(meeting)
    SessionRoleFactory(session__meeting=meeting, speaker__meeting=meeting)

    people = api_client().get(url("api-people", meeting)).json()["results"]
    sessions = api_client().get(url("api-sessions", meeting)).json()["results"]

    assert [person["id"] for person in people] == [role.speaker.pk]
    assert [p["id"] for s in sessions for p in s["people"]] == [role.speaker.pk]


def test_side_events_show_seats_left():
    meeting = MeetingFactory()
    side_event = SideEventFactory(meeting=meeting, capacity=3)
    SideEventSignUpFactory.create_batch(2, side_event=side_event)
    publish_programme(meeting)

    [row] = api_client().get(url("api-side-events", meeting)).json()["results"]

    assert row["id"] == side_event.pk
    assert (row["capacity"], row["seats_taken"], row["seats_left"]) == (3, 2, 1)


def test_agenda_items_name_their_published_sessions_and_documents():
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting)
    item = AgendaItemFactory(meeting=meeting, number=3, sub_letter="a")
    item.sessions.add(session)
    document = DocumentFactory(meeting=meeting, agenda_item=item)
    DocumentFactory(meeting=meeting, agenda_item=item, published=False)
    publish_programme(meeting)

    [row] = api_client().get(url("api-agenda-items", meeting)).json()["results"]

    assert row["label"] == "Item 3 (a)"
    assert row["sessions"] == [session.pk]
    assert row["documents"] == [document.pk]


def test_documents_list_only_published_ones():
    meeting = MeetingFactory()
    published = DocumentFactory(meeting=meeting)
    DocumentFactory(meeting=meeting, published=False)

    rows = api_client().get(url("api-documents", meeting)).json()["results"]

    assert [row["id"] for row in rows] == [published.pk]
    # One document per UN symbol, with a version per language.
    [english] = published.files.all()
    assert rows[0]["files"] == [{"language": "en", "href": english.url}]


def test_meetings_list_only_published_ones():
    published = MeetingFactory()
    MeetingFactory(published=False)

    rows = api_client().get(reverse("api-meetings")).json()["results"]

    assert [row["slug"] for row in rows] == [published.slug]


@pytest.mark.parametrize("count", [1, 50])
def test_sessions_query_count_is_fixed(count, django_assert_num_queries):
    meeting = MeetingFactory()
    for session in SessionFactory.create_batch(count, meeting=meeting):
        SessionRoleFactory(session=session, speaker__meeting=meeting)
    publish_programme(meeting)

    # Meeting, version, rooms, tracks, speakers.
    with django_assert_num_queries(5):
        response = api_client().get(url("api-sessions", meeting))

    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 50])
def test_side_events_query_count_is_fixed(count, django_assert_num_queries):
    meeting = MeetingFactory()
    SideEventFactory.create_batch(count, meeting=meeting)
    publish_programme(meeting)

    with django_assert_num_queries(5):
        response = api_client().get(url("api-side-events", meeting))

    assert len(response.json()["results"]) == count


def test_unchanged_programme_is_304():
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting)
    publish_programme(meeting)
    first = api_client().get(url("api-sessions", meeting))

    again = api_client().get(
        url("api-sessions", meeting), HTTP_IF_NONE_MATCH=first["ETag"]
    )
    SessionFactory(meeting=meeting)
    publish_programme(meeting)
    after_publishing = api_client().get(
        url("api-sessions", meeting), HTTP_IF_NONE_MATCH=first["ETag"]
    )

    assert again.status_code == 304
    assert after_publishing.status_code == 200


def test_sessions_are_built_once_per_programme_state(django_assert_max_num_queries):
    meeting = MeetingFactory()
    role = SessionRoleFactory(session__meeting=meeting, speaker__meeting=meeting)
    publish_programme(meeting)
    first = api_client().get(url("api-sessions", meeting))

    # The same state: read from what this worker kept, with its ETag.
    with django_assert_max_num_queries(1):
        again = api_client().get(url("api-sessions", meeting))
    # A speaker renamed changes the programme's state without a new version.
    role.speaker.name = "Siriporn Chaiyaporn"
    role.speaker.save()
    renamed = api_client().get(url("api-sessions", meeting))

    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]
    [person] = renamed.json()["results"][0]["people"]
    assert person["name"].endswith("Siriporn Chaiyaporn")
    assert renamed["ETag"] != first["ETag"]


def test_side_events_read_their_seats_for_every_request():
    meeting = MeetingFactory()
    side_event = SideEventFactory(meeting=meeting, capacity=3)
    publish_programme(meeting)
    api_client().get(url("api-side-events", meeting))

    SideEventSignUpFactory(side_event=side_event)
    [row] = api_client().get(url("api-side-events", meeting)).json()["results"]

    assert row["seats_left"] == 2
