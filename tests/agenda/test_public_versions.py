"""The public sees only published versions of the programme.

Organisers edit the working programme (sessions, rooms, people...) in the admin;
every public page and feed shows the latest published version until the next one
is published, and then shows all the edits at once.
"""

import json
import re
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from lxml import etree

from agenda.enums import Role, SessionKind
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    ProgrammeVersionFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    SpeakerFactory,
    TrackFactory,
    UserFactory,
    meeting_time,
    publish_programme,
)

pytestmark = pytest.mark.django_db

SCHEMA = Path(settings.BASE_DIR).parent / "shared" / "schemas" / "frab-schedule.xsd"


def url(name, meeting, **kwargs):
    return reverse(f"agenda:{name}", kwargs={"meeting_slug": meeting.slug, **kwargs})


def side_events_url(meeting):
    return reverse("side_events:list", kwargs={"meeting_slug": meeting.slug})


@pytest.fixture
def forum():
    """A side event with a speaker, taken up under an agenda item, published as v1."""
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    side_event = SideEventFactory(
        meeting=meeting,
        session__title="Forum of Directors-General",
        session__slug="dg-forum",
        session__room=RoomFactory(meeting=meeting, name="Meeting Room G"),
        session__start=meeting_time(meeting, 0, 9),
        session__end=meeting_time(meeting, 0, 11),
    )
    SessionRoleFactory(
        session=side_event.session,
        speaker=SpeakerFactory(meeting=meeting, name="Old Moderator", slug="old"),
        role=Role.MODERATOR,
    )
    AgendaItemFactory(meeting=meeting, number=4).sessions.add(side_event.session)
    publish_programme(meeting, name="v1")
    return side_event.session


def edit_forum(session):
    """An organiser retitles, moves and re-staffs the session in the admin."""
    meeting = session.meeting
    session.title = "Forum of Heads of Cooperation Agencies"
    session.room = RoomFactory(meeting=meeting, name="Conference Room 3")
    session.start = meeting_time(meeting, 0, 14)
    session.end = meeting_time(meeting, 0, 16)
    session.save()
    session.roles.all().delete()
    SessionRoleFactory(
        session=session,
        speaker=SpeakerFactory(meeting=meeting, name="New Moderator", slug="new"),
        role=Role.MODERATOR,
    )


# Every public page and feed that lists the session, with what it shows of it:
# the title, or on the speakers index the people.
PAGES = {
    "agenda": lambda m: url("agenda", m),
    "now and next": lambda m: url("now", m),
    "session page": lambda m: url("session_detail", m, session_slug="dg-forum"),
    "agenda items": lambda m: url("items", m),
    "speakers": lambda m: url("speakers", m),
    "iCalendar": lambda m: url("agenda_ics", m),
    "session iCalendar": lambda m: url("session_ics", m, session_slug="dg-forum"),
    "JSON": lambda m: url("schedule_json", m),
    "schedule.xml": lambda m: url("schedule_xml", m),
    "side events": side_events_url,
}

OLD = ["Forum of Directors-General", "Old Moderator", "Meeting Room G", "09:00"]
NEW = [
    "Forum of Heads of Cooperation Agencies",
    "New Moderator",
    "Conference Room 3",
    "14:00",
]


def shown(client, page, meeting):
    response = client.get(PAGES[page](meeting))
    assert response.status_code == 200
    return response.content.decode()


def marker(page, values):
    """What ``page`` shows of the version in ``values``: its title or its people."""
    return values[1] if page == "speakers" else values[0]


@pytest.mark.parametrize("page", PAGES)
def test_an_edit_is_invisible_until_a_new_version_is_published(client, forum, page):
    meeting = forum.meeting
    edit_forum(forum)

    before = shown(client, page, meeting)
    publish_programme(meeting, name="v2")
    after = shown(client, page, meeting)

    assert marker(page, OLD) in before
    assert marker(page, NEW) not in before
    assert marker(page, NEW) in after
    assert marker(page, OLD) not in after


def test_the_session_page_shows_the_published_time_room_and_people(client, forum):
    edit_forum(forum)

    before = shown(client, "session page", forum.meeting)
    publish_programme(forum.meeting)
    after = shown(client, "session page", forum.meeting)

    for text, expected, hidden in ((before, OLD, NEW), (after, NEW, OLD)):
        assert all(value in text for value in expected)
        assert not any(value in text for value in hidden)


def test_a_new_speaker_gets_a_page_only_once_published(client, forum):
    edit_forum(forum)
    new_page = url("speaker_detail", forum.meeting, speaker_slug="new")
    old_page = url("speaker_detail", forum.meeting, speaker_slug="old")

    before = (client.get(new_page).status_code, client.get(old_page).status_code)
    publish_programme(forum.meeting)
    after = (client.get(new_page).status_code, client.get(old_page).status_code)

    assert before == (404, 200)
    assert after == (200, 404)


def test_the_side_events_page_shows_the_published_time_and_room(client, forum):
    edit_forum(forum)

    before = shown(client, "side events", forum.meeting)
    publish_programme(forum.meeting)
    after = shown(client, "side events", forum.meeting)

    assert "Meeting Room G" in before and "09:00" in before
    assert "Conference Room 3" not in before
    assert "Conference Room 3" in after and "14:00" in after
    assert "Meeting Room G" not in after


@pytest.mark.parametrize("withdraw", ["unpublish", "delete"])
def test_a_withdrawn_session_disappears_only_after_publishing(client, forum, withdraw):
    meeting = forum.meeting
    SessionFactory(meeting=meeting, title="Closing session", slug="closing")
    publish_programme(meeting, name="v2")
    if withdraw == "unpublish":
        forum.published = False
        forum.save()
    else:
        forum.side_event.delete()
        forum.delete()

    before = [
        client.get(url("agenda", meeting)).content.decode(),
        client.get(url("schedule_json", meeting)).content.decode(),
    ]
    session_page_before = client.get(
        url("session_detail", meeting, session_slug="dg-forum")
    )
    publish_programme(meeting, name="v3")
    after = [
        client.get(url("agenda", meeting)).content.decode(),
        client.get(url("schedule_json", meeting)).content.decode(),
    ]
    session_page_after = client.get(
        url("session_detail", meeting, session_slug="dg-forum")
    )

    assert all("Forum of Directors-General" in text for text in before)
    assert session_page_before.status_code == 200
    assert not any("Forum of Directors-General" in text for text in after)
    assert all("Closing session" in text for text in after)
    assert session_page_after.status_code == 404


def test_a_new_session_appears_only_after_publishing(client, forum):
    meeting = forum.meeting
    closing = SessionFactory(meeting=meeting, title="Closing session", slug="closing")

    before = client.get(url("agenda", meeting)).content.decode()
    page_before = client.get(closing.get_absolute_url())
    publish_programme(meeting)
    after = client.get(url("agenda", meeting)).content.decode()

    assert "Closing session" not in before
    assert page_before.status_code == 404
    assert "Closing session" in after
    assert client.get(closing.get_absolute_url()).status_code == 200


def test_kind_track_description_and_languages_are_versioned(client, forum):
    meeting = forum.meeting
    forum.kind = SessionKind.PANEL
    forum.track = TrackFactory(meeting=meeting, name="Finance and partnerships")
    forum.description = "Chaired by **the Director of UNOSSC**."
    forum.language = "fr"
    forum.interpretation = ["en"]
    forum.save()
    page = forum.get_absolute_url()

    before = client.get(page).content.decode()
    publish_programme(meeting)
    after = client.get(page).content.decode()

    for text in ("Panel", "Finance and partnerships", "the Director of UNOSSC"):
        assert text not in before and text in after
    assert "French; interpretation into English" in after
    assert "English" in before and "French" not in before
    changelog = client.get(url("changelog", meeting)).content.decode()
    assert re.search(
        r"Kind:\s*<del>Side event</del>\s*now\s*<ins>Panel</ins>", changelog
    )
    assert re.search(r"<ins>Finance and partnerships</ins>", changelog)
    assert re.search(r"<del>English</del>\s*now\s*<ins>French; interp", changelog)


def test_before_the_first_version_pages_say_the_programme_is_not_published(client):
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting, title="Opening session", slug="opening")
    SessionRoleFactory(
        session=session, speaker=SpeakerFactory(meeting=meeting, slug="armida")
    )

    for name in ("agenda", "now", "items", "speakers"):
        response = client.get(url(name, meeting))
        html = response.content.decode()
        assert response.status_code == 200, name
        assert "The programme has not been published yet." in html, name
        assert "Opening session" not in html, name
    assert client.get(session.get_absolute_url()).status_code == 404
    speaker_page = url("speaker_detail", meeting, speaker_slug="armida")
    assert client.get(speaker_page).status_code == 404


def test_before_the_first_version_feeds_are_valid_and_empty(client):
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting, title="Opening session")

    calendar = icalendar.Calendar.from_ical(
        client.get(url("agenda_ics", meeting)).content
    )
    data = json.loads(client.get(url("schedule_json", meeting)).content)
    xml = etree.fromstring(client.get(url("schedule_xml", meeting)).content)

    assert calendar.walk("VEVENT") == []
    assert data["version"] is None
    assert [day["sessions"] for day in data["days"]] == [[], [], []]
    assert xml.findall("day/room/event") == []
    if SCHEMA.exists():
        etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(xml)


def test_organisers_preview_the_working_programme_and_the_public_does_not(
    client, forum
):
    edit_forum(forum)
    organiser = UserFactory(is_staff=True, is_superuser=True)
    preview = url("agenda", forum.meeting) + "?preview=working"
    public_before = client.get(preview).content.decode()

    client.force_login(organiser)
    previewed = client.get(preview)
    client.logout()
    public_after = client.get(preview).content.decode()

    html = previewed.content.decode()
    assert "Forum of Heads of Cooperation Agencies" in html
    assert "Preview of the working programme" in html
    assert "no-store" in previewed["Cache-Control"]
    assert "private" in previewed["Cache-Control"]
    assert f'href="{forum.get_absolute_url()}?preview=working"' in html
    assert '<input type="hidden" name="preview" value="working">' in html
    for public in (public_before, public_after):
        assert "Forum of Directors-General" in public
        assert "Preview of the working programme" not in public
        assert f'href="{forum.get_absolute_url()}"' in public


def test_an_organiser_previews_a_new_session_and_its_people(client, forum):
    edit_forum(forum)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    session_page = client.get(forum.get_absolute_url() + "?preview=working")
    speaker_page = client.get(
        url("speaker_detail", forum.meeting, speaker_slug="new") + "?preview=working"
    )

    assert "Forum of Heads of Cooperation Agencies" in session_page.content.decode()
    assert "New Moderator" in speaker_page.content.decode()
    speakers = url("speaker_detail", forum.meeting, speaker_slug="new")
    assert f'href="{speakers}?preview=working"' in session_page.content.decode()


def test_staff_without_programme_rights_cannot_preview(client, forum):
    edit_forum(forum)
    client.force_login(UserFactory(is_staff=True))

    html = client.get(url("agenda", forum.meeting) + "?preview=working").content

    assert b"Forum of Directors-General" in html


def test_publish_page_lists_pending_changes_and_links_the_preview(client, forum):
    edit_forum(forum)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get(
        reverse("admin:agenda_programmeversion_publish", args=[forum.meeting.pk])
    ).content.decode()

    assert "Forum of Heads of Cooperation Agencies (time, room, title, people)" in html
    assert f'href="{url("agenda", forum.meeting)}?preview=working"' in html


def test_a_description_change_is_publishable_and_listed_but_not_emailed(
    client, forum, mailoutbox, django_capture_on_commit_callbacks
):
    SideEventSignUpFactory(side_event=forum.side_event)
    forum.description = "Now with a closing reception."
    forum.save()

    with django_capture_on_commit_callbacks(execute=True):
        publish_programme(forum.meeting, name="v2")
    html = client.get(url("changelog", forum.meeting)).content.decode()

    assert re.search(r"Description:\s+updated", html)
    assert mailoutbox == []


def test_documents_and_speaker_profiles_stay_live(client, forum):
    speaker = forum.roles.get().speaker
    DocumentFactory(
        meeting=forum.meeting, session=forum, title="Chair's Summary", published=False
    )
    page = forum.get_absolute_url()
    client.get(page)

    speaker.organisation = "Thailand International Cooperation Agency"
    speaker.save()
    forum.documents.update(published=True)
    forum.title = "Unpublished title"
    forum.save()
    html = client.get(page).content.decode()

    assert "Thailand International Cooperation Agency" in html
    assert "Chair&#x27;s Summary" in html
    assert "Forum of Directors-General" in html
    assert "Unpublished title" not in html


def test_a_snapshot_published_by_older_code_still_renders(client):
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting, name="Plenary hall")
    session = SessionFactory(meeting=meeting, room=room, slug="opening")
    ProgrammeVersionFactory(
        meeting=meeting,
        number=1,
        name="v1",
        snapshot={
            "sessions": [
                {
                    "id": session.pk,
                    "slug": "opening",
                    "title": "Opening as first published",
                    "kind": "opening",
                    "start": session.start.isoformat(),
                    "end": session.end.isoformat(),
                    "room": {"id": room.pk, "name": "Plenary hall"},
                    "sequence": 0,
                    "changed_at": session.start.isoformat(),
                }
            ]
        },
    )

    pages = [
        client.get(url(name, meeting, **kwargs))
        for name, kwargs in [
            ("agenda", {}),
            ("session_detail", {"session_slug": "opening"}),
            ("items", {}),
            ("speakers", {}),
            ("agenda_ics", {}),
            ("schedule_json", {}),
            ("schedule_xml", {}),
            ("changelog", {}),
        ]
    ]

    assert [page.status_code for page in pages] == [200] * len(pages)
    assert "Opening as first published" in pages[0].content.decode()
    assert "Plenary hall" in pages[1].content.decode()


def test_saving_a_session_in_the_admin_says_the_public_sees_it_once_published(
    organiser_client, session_admin_data
):
    meeting = MeetingFactory()

    response = organiser_client.post(
        reverse("admin:agenda_session_add"), session_admin_data(meeting), follow=True
    )

    html = response.content.decode()
    assert "this edit shows once a new version is published" in html
    publish = reverse("admin:agenda_programmeversion_publish", args=[meeting.pk])
    assert f'href="{publish}"' in html
    public = Client().get(url("agenda", meeting)).content.decode()
    assert "Resource mobilisation" not in public
