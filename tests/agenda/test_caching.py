import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    publish_programme,
)

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "agenda",
    "agenda_ics",
    "schedule_json",
    "schedule_xml",
    "changelog",
    "changelog_rss",
    "changelog_atom",
]


def url(name, meeting):
    return reverse(f"agenda:{name}", kwargs={"meeting_slug": meeting.slug})


@pytest.fixture
def session():
    """A session of a meeting whose programme is published as "v1 – provisional"."""
    session = SessionFactory(title="Opening session")
    publish_programme(session.meeting, name="v1 – provisional")
    return session


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_cacheable_and_answers_304_when_unchanged(
    client, session, name, django_assert_num_queries
):
    first = client.get(url(name, session.meeting))

    with django_assert_num_queries(1):
        again = client.get(url(name, session.meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["ETag"]
    assert again.status_code == 304
    assert again.content == b""
    assert again["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_rendered_once_per_programme_change(
    client, session, name, django_assert_num_queries
):
    first = client.get(url(name, session.meeting))

    with django_assert_num_queries(1):
        again = client.get(url(name, session.meeting))

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_filtered_agenda_is_kept_apart_from_the_whole_agenda(client, session):
    whole = client.get(url("agenda", session.meeting))

    filtered = client.get(url("agenda", session.meeting), {"kind": "break"})

    assert "Opening session" in whole.content.decode()
    assert "Opening session" not in filtered.content.decode()


def test_session_page_and_its_calendar_answer_304_when_unchanged(client, session):
    for page in (
        session.get_absolute_url(),
        reverse(
            "agenda:session_ics",
            kwargs={
                "meeting_slug": session.meeting.slug,
                "session_slug": session.slug,
            },
        ),
    ):
        first = client.get(page)
        again = client.get(page, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

        assert "Opening session" in first.content.decode()
        assert again.status_code == 304


def test_editing_a_session_changes_the_etag_and_shows_the_edit(client, session):
    first = client.get(url("agenda", session.meeting))

    session.title = "Opening and welcome"
    session.save()
    publish_programme(session.meeting)
    again = client.get(url("agenda", session.meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Opening and welcome" in again.content.decode()


def test_deleting_a_session_changes_the_etag(client, session):
    meeting = session.meeting
    first = client.get(url("schedule_json", meeting))

    session.delete()
    publish_programme(meeting)
    again = client.get(url("schedule_json", meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Opening session" not in again.content.decode()


def test_renaming_a_room_bumps_the_programme_timestamp(session):
    before = Meeting.objects.get().programme_changed_at

    session.room.name = "Plenary hall"
    session.room.save()

    assert Meeting.objects.get().programme_changed_at > before


def test_people_and_agenda_items_of_a_session_bump_the_programme(session):
    def changed_at():
        return Meeting.objects.get().programme_changed_at

    before = changed_at()
    role = SessionRoleFactory(session=session)
    after_role = changed_at()
    item = AgendaItemFactory(meeting=session.meeting)
    item.sessions.add(session)
    after_item = changed_at()
    role.delete()

    assert before < after_role < after_item < changed_at()


def test_editing_the_meeting_changes_the_etag(client, session):
    meeting = session.meeting
    first = client.get(url("agenda_ics", meeting))

    meeting.title = "Renamed consultation"
    meeting.save()
    again = client.get(url("agenda_ics", meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert b"Renamed consultation" in again.content


def test_a_change_to_another_meeting_keeps_this_one_cached(client, session):
    first = client.get(url("agenda", session.meeting))

    SessionFactory(meeting=RoomFactory(meeting=MeetingFactory()).meeting)
    again = client.get(url("agenda", session.meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_unpublished_meeting_is_not_found_even_with_a_known_etag(client, session):
    meeting = session.meeting
    first = client.get(url("agenda", meeting))
    Meeting.objects.filter(pk=meeting.pk).update(published=False)

    again = client.get(url("agenda", meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 404


def test_agenda_is_fresh_again_once_the_meeting_starts(client, session):
    today = timezone.localdate()
    Meeting.objects.filter(pk=session.meeting.pk).update(
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
        updated_at=timezone.now() - datetime.timedelta(days=3),
        programme_changed_at=timezone.now() - datetime.timedelta(days=3),
    )
    meeting = Meeting.objects.get()
    the_eve = meeting.local_start() - datetime.timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=the_eve):
        first = client.get(url("agenda", meeting))

    again = client.get(url("agenda", meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert "The meeting is under way" not in first.content.decode()
    assert again.status_code == 200
    assert "The meeting is under way" in again.content.decode()


def test_agenda_page_links_every_feed_and_the_current_version(client, session):
    html = client.get(url("agenda", session.meeting)).content.decode()

    for name in ("agenda_ics", "schedule_json", "schedule_xml", "changelog"):
        assert f'href="{url(name, session.meeting)}"' in html
    assert "current version: v1 – provisional" in html
