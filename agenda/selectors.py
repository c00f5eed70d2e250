"""Reads of the programme, built once per page with their related rows.

Every public page takes its rows from one function here, which fetches related
rows in a fixed number of queries however many sessions and people there are.
"""

import itertools
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch

from .enums import DocumentKind
from .models import AgendaItem, Document, Session, SessionRole, Speaker


@dataclass(frozen=True)
class AgendaDay:
    date: object
    sessions: list


@dataclass(frozen=True)
class NowAndNext:
    """What runs at a moment of the meeting and what starts next.

    state is "before", "running" or "after" the meeting's days.
    """

    state: str
    current: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)


@dataclass(frozen=True)
class DocumentGroup:
    kind: str
    label: str
    documents: list


def _roles_with_speakers():
    return Prefetch(
        "roles",
        queryset=SessionRole.objects.select_related("speaker").order_by(
            "position", "pk"
        ),
    )


def _published_documents():
    return Prefetch("documents", queryset=Document.objects.published())


def published_sessions(meeting):
    """The meeting's published sessions in programme order, rooms and tracks joined."""
    return (
        Session.objects.published()
        .filter(meeting=meeting)
        .select_related("room", "track")
        .order_by("start", "position", "end", "title", "pk")
    )


def _with_meeting(sessions, meeting):
    for session in sessions:
        session.meeting = meeting
    return sessions


def agenda_sessions(meeting, *, kind=None, track=None, room=None):
    """Published sessions with their people, narrowed by kind, track or room."""
    sessions = published_sessions(meeting).prefetch_related(_roles_with_speakers())
    if kind:
        sessions = sessions.filter(kind=kind)
    if track:
        sessions = sessions.filter(track=track)
    if room:
        sessions = sessions.filter(room=room)
    return _with_meeting(list(sessions), meeting)


def group_by_day(meeting, sessions):
    """Group sessions by their local day in the meeting's time zone."""
    tz = meeting.tzinfo
    return [
        AgendaDay(date=day, sessions=list(group))
        for day, group in itertools.groupby(
            sessions, key=lambda session: session.start.astimezone(tz).date()
        )
    ]


def agenda_days(meeting, **filters):
    """The published programme by local day, in the meeting's time zone."""
    return group_by_day(meeting, agenda_sessions(meeting, **filters))


def now_and_next(meeting, *, now):
    """The sessions running at `now` and those starting next, from the programme.

    Before the meeting's first day the first sessions are "next"; after its last
    day nothing is.
    """
    if now >= meeting.local_end():
        return NowAndNext(state="after")
    remaining = _with_meeting(
        list(
            published_sessions(meeting)
            .filter(end__gt=now)
            .prefetch_related(_roles_with_speakers())
        ),
        meeting,
    )
    current = [session for session in remaining if session.start <= now]
    later = [session for session in remaining if session.start > now]
    upcoming = [session for session in later if session.start == later[0].start]
    state = "before" if now < meeting.local_start() else "running"
    return NowAndNext(state=state, current=current, upcoming=upcoming)


def session_for_page(meeting, slug):
    """One published session with its people, documents and agenda items, or None."""
    session = (
        published_sessions(meeting)
        .filter(slug=slug)
        .prefetch_related(
            _roles_with_speakers(),
            _published_documents(),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("number", "sub_letter", "pk"),
            ),
        )
        .first()
    )
    if session:
        session.meeting = meeting
        for role in session.roles.all():
            role.speaker.meeting = meeting
    return session


def programme_speakers(meeting):
    """People who take part in at least one published session, by name."""
    in_published_session = SessionRole.objects.filter(
        speaker=OuterRef("pk"), session__published=True
    )
    speakers = list(
        Speaker.objects.filter(meeting=meeting)
        .filter(Exists(in_published_session))
        .order_by("name", "pk")
    )
    for speaker in speakers:
        speaker.meeting = meeting
    return speakers


def speaker_for_page(meeting, slug):
    """A speaker on the published programme, with their sessions in time order."""
    speaker = (
        Speaker.objects.filter(meeting=meeting, slug=slug)
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=SessionRole.objects.filter(session__published=True)
                .select_related("session__room")
                .order_by("session__start", "position", "pk"),
            )
        )
        .first()
    )
    if speaker is None or not speaker.roles.all():
        return None
    speaker.meeting = meeting
    for role in speaker.roles.all():
        role.session.meeting = meeting
    return speaker


def agenda_items(meeting):
    """The agenda in UN order with the published sessions and documents of each item."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("number", "sub_letter", "pk")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.published().order_by(
                    "start", "position", "pk"
                ),
            ),
            _published_documents(),
        )
    )
    for item in items:
        _with_meeting(item.sessions.all(), meeting)
    return items


def documents_by_kind(meeting):
    """The meeting's published documents, grouped by kind in the order of DocumentKind.

    A document attached to an unpublished session is listed without that session.
    """
    documents = list(
        Document.objects.published()
        .filter(meeting=meeting)
        .select_related("agenda_item", "session")
        .order_by("symbol", "title", "pk")
    )
    for document in documents:
        if document.session_id:
            document.session.meeting = meeting
    return [
        DocumentGroup(
            kind=kind.value,
            label=kind.label,
            documents=[doc for doc in documents if doc.kind == kind],
        )
        for kind in DocumentKind
        if any(doc.kind == kind for doc in documents)
    ]
