import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse

from agenda.exceptions import AgendaError
from agenda.models import ProgrammeVersion
from agenda.versions import (
    pending_changes,
    programme_changelog,
    publish_programme_version,
)
from tests.factories import (
    MeetingFactory,
    ProgrammeVersionFactory,
    RoomFactory,
    SessionFactory,
    SessionRoleFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    SpeakerFactory,
    UserFactory,
    meeting_time,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(time_zone="Asia/Bangkok")


def changelog_url(meeting):
    return reverse("agenda:changelog", kwargs={"meeting_slug": meeting.slug})


def test_first_version_freezes_only_the_published_sessions(meeting):
    room = RoomFactory(meeting=meeting, name="Plenary hall")
    opening = SessionFactory(
        meeting=meeting, room=room, title="Opening session", slug="opening"
    )
    SessionFactory(meeting=meeting, title="Draft bilateral", published=False)
    organiser = UserFactory()

    version = publish_programme_version(
        meeting=meeting, name="v1 – provisional", notes="First draft.", by=organiser
    )

    assert version.number == 1
    assert version.published_by == organiser
    [entry] = version.snapshot["sessions"]
    assert entry["id"] == opening.pk
    assert entry["title"] == {"en": "Opening session"}
    assert entry["room"] == {"id": room.pk, "name": {"en": "Plenary hall"}}
    assert datetime.datetime.fromisoformat(entry["start"]) == opening.start
    assert entry["sequence"] == 0


def test_next_version_lists_every_kind_of_change_since_the_one_before(meeting):
    hall = RoomFactory(meeting=meeting, name="Plenary hall")
    moved = SessionFactory(meeting=meeting, room=hall, title="Session 1")
    rehoused = SessionFactory(
        meeting=meeting, title="Session 2", start=meeting_time(meeting, 0, 11)
    )
    retitled = SessionFactory(
        meeting=meeting, title="Session 3", start=meeting_time(meeting, 0, 14)
    )
    cancelled = SessionFactory(
        meeting=meeting, title="Session 4", start=meeting_time(meeting, 0, 16)
    )
    unchanged = SessionFactory(
        meeting=meeting, title="Session 5", start=meeting_time(meeting, 1, 9)
    )
    publish_programme_version(meeting=meeting, name="v1")
    moved.start, moved.end = meeting_time(meeting, 2, 9), meeting_time(meeting, 2, 10)
    moved.save()
    rehoused.room = RoomFactory(meeting=meeting, name="Meeting Room G")
    rehoused.save()
    retitled.title = "Session 3: Digital cooperation"
    retitled.save()
    cancelled.published = False
    cancelled.save()
    added = SessionFactory(
        meeting=meeting, title="Session 6", start=meeting_time(meeting, 1, 14)
    )

    publish_programme_version(meeting=meeting, name="v2")

    [v2, v1] = programme_changelog(meeting)
    assert v1.changes == []
    assert v2.previous == v1.version
    summary = {
        change.session_id: (change.action, [field.name for field in change.fields])
        for change in v2.changes
    }
    assert summary == {
        moved.pk: ("changed", ["time"]),
        rehoused.pk: ("changed", ["room"]),
        retitled.pk: ("changed", ["title"]),
        cancelled.pk: ("cancelled", []),
        added.pk: ("added", []),
    }
    assert unchanged.pk not in summary
    [room_change] = next(c for c in v2.changes if c.session_id == rehoused.pk).fields
    assert (room_change.old, room_change.new) != (None, None)
    assert str(room_change.new) == "Meeting Room G"


def test_changelog_page_shows_changes_in_meeting_time(client, meeting):
    session = SessionFactory(
        meeting=meeting,
        title="Session 1",
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10),
    )
    publish_programme_version(meeting=meeting, name="v1 – provisional")
    session.start, session.end = (
        meeting_time(meeting, 0, 11),
        meeting_time(meeting, 0, 12),
    )
    session.save()
    publish_programme_version(meeting=meeting, name="v2", notes="Session 1 moved.")

    html = client.get(changelog_url(meeting)).content.decode()

    assert "v1 – provisional" in html
    assert "The first published version of the programme." in html
    assert "Session 1 moved." in html
    assert "09:00–10:00" in html
    assert "11:00–12:00" in html
    assert html.index("v2") < html.index("v1 – provisional")


def test_changelog_leaves_out_edits_not_yet_published_as_a_version(client, meeting):
    session = SessionFactory(meeting=meeting, title="Session 1")
    publish_programme_version(meeting=meeting, name="v1")
    draft = SessionFactory(meeting=meeting, title="Work in progress", published=False)
    session.title = "Session 1, renamed in the working programme"
    session.save()

    html = client.get(changelog_url(meeting)).content.decode()

    assert draft.title not in html
    assert "renamed in the working programme" not in html


def test_changelog_feeds_carry_each_version_with_its_changes(client, meeting):
    session = SessionFactory(meeting=meeting, title="Session 1")
    publish_programme_version(meeting=meeting, name="v1")
    session.title = "Session 1: Frameworks"
    session.save()
    publish_programme_version(meeting=meeting, name="v2")

    rss = client.get(
        reverse("agenda:changelog_rss", kwargs={"meeting_slug": meeting.slug})
    )
    atom = client.get(
        reverse("agenda:changelog_atom", kwargs={"meeting_slug": meeting.slug})
    )

    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for response in (rss, atom):
        body = response.content.decode()
        assert "<title>v2</title>" in body
        assert "<title>v1</title>" in body
        assert "Session 1: Frameworks" in body
        assert f"http://testserver{changelog_url(meeting)}#version-2" in body


def test_publishing_an_unchanged_programme_is_refused(meeting):
    SessionFactory(meeting=meeting)
    publish_programme_version(meeting=meeting, name="v1")

    with pytest.raises(AgendaError, match="Nothing has changed since “v1”"):
        publish_programme_version(meeting=meeting, name="v2")

    assert ProgrammeVersion.objects.count() == 1


def test_publishing_a_taken_name_is_refused_whatever_its_case(meeting):
    session = SessionFactory(meeting=meeting)
    publish_programme_version(meeting=meeting, name="v1 – provisional")
    session.title = "Changed"
    session.save()

    with pytest.raises(AgendaError, match="already a version called"):
        publish_programme_version(meeting=meeting, name="V1 – PROVISIONAL")

    assert ProgrammeVersion.objects.count() == 1


def test_publishing_without_a_name_or_sessions_is_refused(meeting):
    with pytest.raises(AgendaError, match="Give the version a name"):
        publish_programme_version(meeting=meeting, name="   ")
    with pytest.raises(AgendaError, match="No session is published yet"):
        publish_programme_version(meeting=meeting, name="v1")

    assert ProgrammeVersion.objects.count() == 0


def test_database_refuses_two_versions_with_the_same_name(meeting):
    ProgrammeVersionFactory(meeting=meeting, number=1, name="v1")

    with pytest.raises(IntegrityError, match="unique_programme_version_name"):
        ProgrammeVersionFactory(meeting=meeting, number=2, name="V1")


def test_demo_publishes_v1_and_a_revision_once_and_shows_what_changed(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    first, revision = ProgrammeVersion.objects.order_by("number")
    meeting = revision.meeting
    assert (first.name, revision.name) == ("v1", "v2 – revised")
    # Every published session; the rooms held for bilateral meetings are not.
    assert len(revision.snapshot["sessions"]) == (
        meeting.sessions.filter(published=True).count()
    )
    assert meeting.sessions.filter(bilateral_request__isnull=False).count() == 2
    assert pending_changes(meeting) == []
    html = client.get(changelog_url(meeting)).content.decode()
    assert "The first published version of the programme." in html
    assert "national development plans and budgets" in html
    assert "15:30</del>" in html and "15:45</ins>" in html
    assert "Rapporteur" in html


def test_delegates_of_a_changed_side_event_are_emailed_after_publication(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    forum = SideEventFactory(meeting=meeting, session__title="DG Forum")
    booked = SideEventSignUpFactory(side_event=forum)
    waiting = SideEventSignUpFactory(side_event=forum, status="waitlisted")
    other = SideEventSignUpFactory(side_event=SideEventFactory(meeting=meeting))
    publish_programme_version(meeting=meeting, name="v1")
    forum.session.start = meeting_time(meeting, 2, 14)
    forum.session.end = meeting_time(meeting, 2, 17)
    forum.session.save()

    with django_capture_on_commit_callbacks(execute=True):
        publish_programme_version(meeting=meeting, name="v2")

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [booked.registration.email, waiting.registration.email]
    )
    assert other.registration.email not in {m.to[0] for m in mailoutbox}
    message = mailoutbox[0]
    assert message.subject == "Programme change: DG Forum"
    assert "new version of the programme (v2)" in message.body
    day_two = meeting_time(meeting, 1, 14).strftime("%A %-d %B %Y")
    day_three = meeting_time(meeting, 2, 14).strftime("%A %-d %B %Y")
    assert f"was {day_two}, 14:00–17:00; now {day_three}, 14:00–17:00" in message.body


def test_the_change_email_speaks_to_each_sign_up_as_it_stands_and_skips_lapsed_wishes(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    forum = SideEventFactory(meeting=meeting, session__title="DG Forum")
    booked = SideEventSignUpFactory(side_event=forum)
    waiting = SideEventSignUpFactory(side_event=forum, status="waitlisted")
    wish = SideEventSignUpFactory(
        side_event=forum,
        status="requested",
        booked_at=None,
        registration__status="submitted",
    )
    SideEventSignUpFactory(side_event=forum, status="lapsed", booked_at=None)
    publish_programme_version(meeting=meeting, name="v1")
    forum.session.title = "DG Forum on South-South cooperation"
    forum.session.save()

    with django_capture_on_commit_callbacks(execute=True):
        publish_programme_version(meeting=meeting, name="v2")

    bodies = {message.to[0]: message.body for message in mailoutbox}
    assert set(bodies) == {
        booked.registration.email,
        waiting.registration.email,
        wish.registration.email,
    }
    assert "Your seat stays yours." in bodies[booked.registration.email]
    assert "Your place on the waiting list" in bodies[waiting.registration.email]
    assert "Your request for a seat stays as it was" in bodies[wish.registration.email]
    assert "give your seat back" not in bodies[wish.registration.email]


def test_a_cancelled_side_event_tells_its_delegates_and_nothing_is_sent_early(
    meeting, mailoutbox, django_capture_on_commit_callbacks
):
    forum = SideEventFactory(meeting=meeting)
    signup = SideEventSignUpFactory(side_event=forum)
    with django_capture_on_commit_callbacks(execute=True):
        publish_programme_version(meeting=meeting, name="v1")
    forum.session.published = False
    forum.session.save()
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        publish_programme_version(meeting=meeting, name="v2")

    [message] = mailoutbox
    assert message.to == [signup.registration.email]
    assert "This side event has been cancelled." in message.body


def test_a_new_speaker_is_a_change_to_the_session_people(client, meeting):
    session = SessionFactory(meeting=meeting, title="Session 1")
    SessionRoleFactory(
        session=session,
        role="chair",
        speaker=SpeakerFactory(meeting=meeting, name="Maria Santos"),
    )
    publish_programme_version(meeting=meeting, name="v1")
    SessionRoleFactory(
        session=session, speaker=SpeakerFactory(meeting=meeting, name="Li Wei")
    )

    publish_programme_version(meeting=meeting, name="v2")

    [change] = programme_changelog(meeting)[0].changes
    [people] = change.fields
    assert (people.name, people.old, people.new) == (
        "people",
        "Maria Santos (Chair)",
        "Maria Santos (Chair), Li Wei (Speaker)",
    )
    html = client.get(changelog_url(meeting)).content.decode()
    assert "Maria Santos (Chair), Li Wei (Speaker)" in html
