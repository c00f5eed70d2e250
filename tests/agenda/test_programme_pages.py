"""Public programme pages: agenda filters, now and next, session, speakers, items,
documents. Each page's query count is the same for 1 and for 100 rows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, reverse

from agenda import selectors
from agenda import urls as agenda_urls
from agenda.enums import DocumentKind, Role, SessionKind
from agenda.models.programme import RESERVED_SESSION_SLUGS
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SpeakerFactory,
    TrackFactory,
    meeting_time,
    publish_programme,
)

pytestmark = pytest.mark.django_db


def url(name, meeting, **kwargs):
    return reverse(f"agenda:{name}", kwargs={"meeting_slug": meeting.slug, **kwargs})


def add_programme_rows(meeting, count, *, speaker=None, item=None):
    """Add `count` published sessions, each with a person, a document and an item."""
    for n in range(count):
        session = SessionFactory(
            meeting=meeting,
            start=meeting_time(meeting, n % 3, 8 + n % 10),
            track=TrackFactory(meeting=meeting),
        )
        SessionRoleFactory(
            session=session, speaker=speaker or SpeakerFactory(meeting=meeting)
        )
        DocumentFactory(meeting=meeting, session=session)
        session_item = item or AgendaItemFactory(meeting=meeting)
        session_item.sessions.add(session)
        DocumentFactory(meeting=meeting, agenda_item=session_item)
    publish_programme(meeting)


def assert_constant_queries(client, page_url, grow):
    """Render the page, grow the data to 100 rows, and compare query counts."""
    with CaptureQueriesContext(connection) as one:
        first = client.get(page_url)
    grow()
    with CaptureQueriesContext(connection) as hundred:
        second = client.get(page_url)
    assert first.status_code == second.status_code == 200
    assert len(hundred) == len(one), [q["sql"] for q in hundred]
    return second


# Agenda by day ---------------------------------------------------------------


def test_agenda_filters_by_kind_track_and_room(client):
    meeting = MeetingFactory()
    finance = TrackFactory(meeting=meeting, name="Finance", slug="finance")
    room = RoomFactory(meeting=meeting, name="Conference Room 3")
    panel = SessionFactory(
        meeting=meeting, kind=SessionKind.PANEL, track=finance, room=room
    )
    SessionFactory(meeting=meeting, kind=SessionKind.PANEL, title="Other room")
    SessionFactory(meeting=meeting, kind=SessionKind.PLENARY, track=finance)
    publish_programme(meeting)

    response = client.get(
        url("agenda", meeting), {"kind": "panel", "track": "finance", "room": room.pk}
    )

    assert [s for day in response.context["days"] for s in day.sessions] == [panel]
    html = response.content.decode()
    assert '<label class="form-label small" for="id_kind">Kind</label>' in html
    assert "Show all" in html


def test_agenda_with_an_invalid_filter_shows_everything_and_says_so(client):
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting)
    publish_programme(meeting)

    response = client.get(url("agenda", meeting), {"room": "not-a-room"})

    assert [s for day in response.context["days"] for s in day.sessions] == [session]
    assert "Some filters were not valid" in response.content.decode()


def test_agenda_filter_offers_only_this_meetings_tracks_and_rooms(client):
    meeting = MeetingFactory()
    TrackFactory(meeting=meeting, name="Finance")
    TrackFactory(meeting=MeetingFactory(), name="Elsewhere track")

    html = client.get(url("agenda", meeting)).content.decode()

    assert "Finance" in html
    assert "Elsewhere track" not in html


def test_agenda_notes_the_meeting_time_zone_and_offers_the_viewers_own(client):
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    SessionFactory(meeting=meeting, start=meeting_time(meeting, 0, 9))
    publish_programme(meeting)

    html = client.get(url("agenda", meeting)).content.decode()

    assert "All times are local time in Asia/Bangkok" in html
    assert re.search(r"<button[^>]*hidden[^>]*data-tz-toggle", html)
    assert 'data-meeting-zone="Asia/Bangkok"' in html
    assert "js/local-time.js" in html
    assert re.search(r'<time datetime="[^"]*T09:00:00\+07:00" data-local-time>', html)
    assert not re.search(r"<script>(?!</script>)", html), "no inline script"


def test_agenda_lists_the_people_of_each_session_in_speaking_order(client):
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting)
    SessionRoleFactory(
        session=session,
        role=Role.SPEAKER,
        position=2,
        speaker=SpeakerFactory(meeting=meeting, name="Budi Santoso"),
    )
    SessionRoleFactory(
        session=session,
        role=Role.CHAIR,
        position=1,
        speaker=SpeakerFactory(meeting=meeting, name="Maria Santos", honorific="he"),
    )
    publish_programme(meeting)

    html = client.get(url("agenda", meeting)).content.decode()

    assert "Chair: H.E. Maria Santos · Speaker: Budi Santoso" in html


def test_agenda_query_count_is_constant_with_people_and_tracks(client):
    meeting = MeetingFactory()
    add_programme_rows(meeting, 1)

    response = assert_constant_queries(
        client, url("agenda", meeting), lambda: add_programme_rows(meeting, 99)
    )

    assert sum(len(day.sessions) for day in response.context["days"]) == 100


def test_filtered_agenda_query_count_is_constant(client):
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting)
    SessionFactory(meeting=meeting, room=room, kind=SessionKind.PANEL)

    def grow():
        for n in range(99):
            SessionFactory(
                meeting=meeting,
                room=room,
                kind=SessionKind.PANEL,
                start=meeting_time(meeting, n % 3, 0, 0)
                + datetime.timedelta(minutes=10 * (n // 3)),
                end=meeting_time(meeting, n % 3, 0, 0)
                + datetime.timedelta(minutes=10 * (n // 3) + 10),
            )
        publish_programme(meeting)

    publish_programme(meeting)

    assert_constant_queries(
        client, url("agenda", meeting) + f"?kind=panel&room={room.pk}", grow
    )


# Now and next ----------------------------------------------------------------


def test_now_and_next_while_the_meeting_runs():
    meeting = MeetingFactory()
    opening = SessionFactory(
        meeting=meeting,
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10),
    )
    coffee = SessionFactory(
        meeting=meeting,
        room=None,
        kind=SessionKind.BREAK,
        start=meeting_time(meeting, 0, 10),
        end=meeting_time(meeting, 0, 10, 30),
    )
    SessionFactory(meeting=meeting, start=meeting_time(meeting, 0, 10, 30))
    publish_programme(meeting)
    published = selectors.published_programme(meeting)

    programme = selectors.now_and_next(published, now=meeting_time(meeting, 0, 9, 45))

    assert programme.state == "running"
    assert programme.current == [opening]
    assert programme.upcoming == [coffee]


def test_now_and_next_lists_every_parallel_session_starting_next():
    meeting = MeetingFactory()
    plenary = SessionFactory(meeting=meeting, start=meeting_time(meeting, 1, 14))
    dg_forum = SessionFactory(
        meeting=meeting, start=meeting_time(meeting, 1, 14), position=1
    )
    SessionFactory(meeting=meeting, start=meeting_time(meeting, 1, 16))
    publish_programme(meeting)
    published = selectors.published_programme(meeting)

    programme = selectors.now_and_next(published, now=meeting_time(meeting, 1, 13))

    assert programme.current == []
    assert programme.upcoming == [plenary, dg_forum]


def test_now_and_next_before_and_after_the_meeting():
    meeting = MeetingFactory()
    first = SessionFactory(meeting=meeting, start=meeting_time(meeting, 0, 9))
    publish_programme(meeting)
    published = selectors.published_programme(meeting)

    before = selectors.now_and_next(published, now=meeting_time(meeting, -3, 12))
    after = selectors.now_and_next(published, now=meeting.local_end())

    assert (before.state, before.current, before.upcoming) == ("before", [], [first])
    assert (after.state, after.current, after.upcoming) == ("after", [], [])


def test_now_page_renders_what_runs_at_the_current_time(client, monkeypatch):
    meeting = MeetingFactory()
    SessionFactory(
        meeting=meeting,
        title="Session 4: Sharing best practice",
        start=meeting_time(meeting, 1, 9),
        end=meeting_time(meeting, 1, 10, 30),
    )
    SessionFactory(
        meeting=meeting,
        title="Coffee break",
        kind=SessionKind.BREAK,
        room=None,
        start=meeting_time(meeting, 1, 10, 30),
        end=meeting_time(meeting, 1, 11),
    )
    monkeypatch.setattr(
        "agenda.views.timezone.now", lambda: meeting_time(meeting, 1, 10)
    )
    publish_programme(meeting)

    html = client.get(url("now", meeting)).content.decode()

    now_part, next_part = html.split('id="next-heading"')
    assert "Session 4: Sharing best practice" in now_part
    assert "Coffee break" in next_part
    agenda_html = client.get(url("agenda", meeting)).content.decode()
    assert "The meeting is under way" in agenda_html


def test_now_page_is_rendered_again_only_when_what_runs_changes(
    client, monkeypatch, django_assert_max_num_queries
):
    meeting = MeetingFactory()
    for hour, title in [(9, "Opening session"), (10, "Plenary session 1")]:
        SessionFactory(
            meeting=meeting,
            title=title,
            start=meeting_time(meeting, 0, hour),
            end=meeting_time(meeting, 0, hour + 1),
        )
    publish_programme(meeting)
    clock = {"now": meeting_time(meeting, 0, 9, 15)}
    monkeypatch.setattr("agenda.views.timezone.now", lambda: clock["now"])
    client.get(url("now", meeting))

    clock["now"] = meeting_time(meeting, 0, 9, 45)
    # The meeting and its version: nothing to build or render.
    with django_assert_max_num_queries(2):
        same = client.get(url("now", meeting)).content.decode()
    clock["now"] = meeting_time(meeting, 0, 10, 15)
    later = client.get(url("now", meeting)).content.decode()

    assert "Opening session" in same.split('id="next-heading"')[0]
    assert "Plenary session 1" in later.split('id="next-heading"')[0]
    assert "Opening session" not in later


def test_now_page_query_count_is_constant(client, monkeypatch):
    meeting = MeetingFactory()
    monkeypatch.setattr(
        "agenda.views.timezone.now", lambda: meeting_time(meeting, 0, 7, 30)
    )
    add_programme_rows(meeting, 1)

    assert_constant_queries(
        client, url("now", meeting), lambda: add_programme_rows(meeting, 99)
    )


# Session page ------------------------------------------------------------------


def test_session_page_shows_people_in_order_room_documents_and_items(client):
    meeting = MeetingFactory()
    room = RoomFactory(meeting=meeting, name="Conference Room 1", location_notes="UNCC")
    session = SessionFactory(
        meeting=meeting,
        room=room,
        slug="opening",
        language="en",
        interpretation=["zh", "ru"],
        description="Welcome by the **Executive Secretary**.",
    )
    SessionRoleFactory(
        session=session,
        role=Role.SPEAKER,
        position=2,
        remarks="Keynote address",
        speaker=SpeakerFactory(meeting=meeting, name="Minister of Foreign Affairs"),
    )
    SessionRoleFactory(
        session=session,
        role=Role.CHAIR,
        position=1,
        speaker=SpeakerFactory(meeting=meeting, name="Executive Secretary"),
    )
    DocumentFactory(
        meeting=meeting, session=session, title="Opening statement", symbol=""
    )
    DocumentFactory(meeting=meeting, session=session, title="Draft", published=False)
    item = AgendaItemFactory(meeting=meeting, number=1, title="Opening of the meeting")
    item.sessions.add(session)
    publish_programme(meeting)

    html = client.get(session.get_absolute_url()).content.decode()

    assert html.index("Executive Secretary</a>") < html.index(
        "Minister of Foreign Affairs</a>"
    )
    assert "Keynote address" in html
    assert "Conference Room 1 (UNCC)" in html
    assert "English; interpretation into Chinese, Russian" in html
    assert "<strong>Executive Secretary</strong>" in html
    assert "Opening statement" in html
    assert "Draft" not in html
    assert "Item 1</a>: Opening of the meeting" in html


def test_a_session_over_several_days_shows_the_day_it_ends(client):
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    retreat = SessionFactory(
        meeting=meeting,
        title="Drafting retreat",
        start=meeting_time(meeting, 0, 14),
        end=meeting_time(meeting, 1, 12, 30),
    )
    speaker = SpeakerFactory(meeting=meeting)
    SessionRoleFactory(session=retreat, speaker=speaker)
    # 00:30 in Bangkok is still the first day in UTC.
    overnight = SessionFactory(
        meeting=meeting,
        title="Overnight drafting",
        start=meeting_time(meeting, 1, 22),
        end=meeting_time(meeting, 2, 0, 30),
    )
    same_day = SessionFactory(
        meeting=meeting,
        start=meeting_time(meeting, 2, 9),
        end=meeting_time(meeting, 2, 10),
    )
    publish_programme(meeting)
    second_day = meeting.start_date + datetime.timedelta(days=1)
    third_day = meeting.start_date + datetime.timedelta(days=2)
    ends_second_day = f"{second_day:%A} {second_day.day} {second_day:%B %Y}, 12:30"
    ends_third_day = f"{third_day:%A} {third_day.day} {third_day:%B %Y}, 00:30"

    retreat_page = client.get(retreat.get_absolute_url()).content.decode()
    overnight_page = client.get(overnight.get_absolute_url()).content.decode()
    same_day_page = client.get(same_day.get_absolute_url()).content.decode()
    agenda = client.get(url("agenda", meeting)).content.decode()
    speaker_page = client.get(speaker.get_absolute_url()).content.decode()

    assert "14:00</time>–<time datetime=" in retreat_page
    assert f">{ends_second_day}</time>" in retreat_page
    assert f">{ends_third_day}</time>" in overnight_page
    assert ">10:00</time>" in same_day_page
    assert f">{second_day:%a} {second_day.day} {second_day:%b}, 12:30</time>" in agenda
    assert f">{third_day:%a} {third_day.day} {third_day:%b}, 00:30</time>" in agenda
    assert ">10:00</time>" in agenda
    assert f">{second_day:%A} {second_day.day} {second_day:%B}, 12:30</time>" in (
        speaker_page
    )


def test_session_description_markdown_cannot_inject_script(client):
    session = SessionFactory(
        description='<script>alert("x")</script>[click](javascript:alert(1)) '
        '<img src=x onerror="alert(1)">'
    )
    publish_programme(session.meeting)

    html = client.get(session.get_absolute_url()).content.decode()
    description = html.split('class="session-description')[1].split("</div>")[0]

    assert "<script" not in description
    assert "javascript:" not in description
    assert "onerror" not in description
    assert "<img" not in description


def test_session_page_query_count_is_constant_in_people_and_documents(client):
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting)
    SessionRoleFactory(session=session)
    DocumentFactory(meeting=meeting, session=session)
    AgendaItemFactory(meeting=meeting).sessions.add(session)

    def grow():
        for _ in range(99):
            SessionRoleFactory(session=session)
            DocumentFactory(meeting=meeting, session=session)
            AgendaItemFactory(meeting=meeting).sessions.add(session)
        publish_programme(meeting)

    publish_programme(meeting)

    response = assert_constant_queries(client, session.get_absolute_url(), grow)

    assert len(response.context["session"].roles.all()) == 100


# Speakers ------------------------------------------------------------------------


def test_speakers_index_lists_only_people_on_the_published_programme(client):
    meeting = MeetingFactory()
    on_programme = SpeakerFactory(meeting=meeting, name="Armida Salsiah Alisjahbana")
    SessionRoleFactory(session=SessionFactory(meeting=meeting), speaker=on_programme)
    hidden = SpeakerFactory(meeting=meeting, name="Draft Speaker")
    SessionRoleFactory(
        session=SessionFactory(meeting=meeting, published=False), speaker=hidden
    )
    SpeakerFactory(meeting=meeting, name="Nobody Yet")
    publish_programme(meeting)

    response = client.get(url("speakers", meeting))

    assert response.context["speakers"] == [on_programme]
    assert "Armida Salsiah Alisjahbana" in response.content.decode()


def test_speaker_page_shows_profile_and_published_sessions(client):
    meeting = MeetingFactory()
    speaker = SpeakerFactory(
        meeting=meeting,
        name="Dima Al-Khatib",
        title="Director",
        organisation="UN Office for South-South Cooperation",
        bio="Leads UNOSSC.\n\nFormerly in Beijing.",
    )
    SessionRoleFactory(
        session=SessionFactory(meeting=meeting, title="Opening session"),
        speaker=speaker,
        role=Role.SPEAKER,
        remarks="Statement",
    )
    SessionRoleFactory(
        session=SessionFactory(
            meeting=meeting,
            title="Closed bilateral",
            published=False,
            start=meeting_time(meeting, 1, 9),
        ),
        speaker=speaker,
    )
    publish_programme(meeting)

    html = client.get(speaker.get_absolute_url()).content.decode()

    assert "Dima Al-Khatib" in html
    assert "UN Office for South-South Cooperation" in html
    assert "<p>Leads UNOSSC.</p>" in html
    assert "Opening session" in html and "Speaker, Statement" in html
    assert "Closed bilateral" not in html


def test_speaker_page_of_someone_not_on_the_published_programme_is_not_found(client):
    speaker = SpeakerFactory()

    response = client.get(speaker.get_absolute_url())

    assert response.status_code == 404


def test_speakers_index_query_count_is_constant(client):
    meeting = MeetingFactory()
    add_programme_rows(meeting, 1)

    response = assert_constant_queries(
        client, url("speakers", meeting), lambda: add_programme_rows(meeting, 99)
    )

    assert len(response.context["speakers"]) == 100


def test_speaker_page_query_count_is_constant_in_their_sessions(client):
    meeting = MeetingFactory()
    speaker = SpeakerFactory(meeting=meeting)
    add_programme_rows(meeting, 1, speaker=speaker)

    response = assert_constant_queries(
        client,
        speaker.get_absolute_url(),
        lambda: add_programme_rows(meeting, 99, speaker=speaker),
    )

    assert len(response.context["speaker"].roles.all()) == 100


# Agenda items ----------------------------------------------------------------------


def test_agenda_items_page_reads_the_programme_by_item(client):
    meeting = MeetingFactory()
    item_3 = AgendaItemFactory(meeting=meeting, number=3, title="Country experiences")
    item_3a = AgendaItemFactory(
        meeting=meeting, number=3, sub_letter="a", title="National frameworks"
    )
    item_3a.sessions.add(
        SessionFactory(meeting=meeting, title="Session 1: National frameworks")
    )
    DocumentFactory(
        meeting=meeting,
        agenda_item=item_3,
        title="Annotated provisional agenda",
        symbol="ESCAP/SSC/2026/L.2",
    )
    publish_programme(meeting)

    html = client.get(url("items", meeting)).content.decode()

    assert html.index("Item 3: Country experiences") < html.index(
        "Item 3 (a): National frameworks"
    )
    assert 'id="item-3a"' in html
    assert "Session 1: National frameworks" in html
    assert "ESCAP/SSC/2026/L.2" in html


def test_agenda_items_page_query_count_is_constant(client):
    meeting = MeetingFactory()
    add_programme_rows(meeting, 1)

    response = assert_constant_queries(
        client, url("items", meeting), lambda: add_programme_rows(meeting, 99)
    )

    assert len(response.context["items"]) == 100


# Documents ---------------------------------------------------------------------------


def test_documents_page_groups_published_documents_by_kind(client):
    meeting = MeetingFactory()
    DocumentFactory(
        meeting=meeting,
        kind=DocumentKind.OUTCOME,
        title="Chair's Summary",
        symbol="ESCAP/SSC/2026/3",
    )
    DocumentFactory(
        meeting=meeting,
        kind=DocumentKind.CONCEPT_NOTE,
        title="Concept note",
        symbol="ESCAP/SSC/2026/1",
    )
    DocumentFactory(meeting=meeting, title="Embargoed", published=False)
    hidden_session = SessionFactory(meeting=meeting, published=False, title="Secret")
    DocumentFactory(meeting=meeting, session=hidden_session, title="Room plan")

    response = client.get(url("documents", meeting))

    assert [group.label for group in response.context["groups"]] == [
        "Concept note",
        "Information note",
        "Outcome document",
    ]
    html = response.content.decode()
    assert "ESCAP/SSC/2026/1" in html and "Chair&#x27;s Summary" in html
    assert "Embargoed" not in html
    assert "Room plan" in html and "Secret" not in html


def test_documents_page_query_count_is_constant(client):
    meeting = MeetingFactory()
    add_programme_rows(meeting, 1)

    assert_constant_queries(
        client, url("documents", meeting), lambda: add_programme_rows(meeting, 99)
    )


# Addresses ---------------------------------------------------------------------------


def test_every_fixed_agenda_path_that_looks_like_a_slug_is_reserved():
    first_segments = {
        str(pattern.pattern).split("/")[0]
        for pattern in agenda_urls.urlpatterns
        if isinstance(pattern, URLPattern)
    }
    slug_like = {
        segment for segment in first_segments if re.fullmatch(r"[-\w]+", segment)
    }

    assert slug_like <= RESERVED_SESSION_SLUGS


def test_navigation_links_to_speakers_and_documents(client):
    meeting = MeetingFactory()

    html = client.get(url("agenda", meeting)).content.decode()

    assert f'href="{url("speakers", meeting)}"' in html
    assert f'href="{url("documents", meeting)}"' in html


# Caching -----------------------------------------------------------------------------


def test_session_page_links_to_its_calendar_file(client):
    session = SessionFactory(slug="opening")
    publish_programme(session.meeting)

    html = client.get(session.get_absolute_url()).content.decode()

    ics = reverse(
        "agenda:session_ics",
        kwargs={"meeting_slug": session.meeting.slug, "session_slug": "opening"},
    )
    assert f'href="{ics}"' in html


@pytest.mark.parametrize(
    "change",
    [
        "add_person",
        "publish_document",
        "rename_speaker",
        "take_up_agenda_item",
        "remove_person",
    ],
)
def test_programme_pages_change_their_etag_when_people_documents_or_items_change(
    client, change
):
    meeting = MeetingFactory()
    session = SessionFactory(meeting=meeting)
    role = SessionRoleFactory(session=session)
    document = DocumentFactory(meeting=meeting, session=session, published=False)
    item = AgendaItemFactory(meeting=meeting)
    publish_programme(meeting)
    before = client.get(session.get_absolute_url())["ETag"]

    if change == "add_person":
        SessionRoleFactory(session=session)
    elif change == "publish_document":
        document.published = True
        document.save()
    elif change == "rename_speaker":
        role.speaker.name = "Another Name"
        role.speaker.save()
    elif change == "take_up_agenda_item":
        item.sessions.add(session)
    else:
        role.delete()

    response = client.get(session.get_absolute_url(), HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response["ETag"] != before


def test_speakers_page_answers_a_conditional_get_with_not_modified(client):
    meeting = MeetingFactory()
    SessionRoleFactory(session=SessionFactory(meeting=meeting))
    publish_programme(meeting)
    first = client.get(url("speakers", meeting))

    again = client.get(url("speakers", meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
