"""Reads of the programme, built once per page with their related rows.

The public sees the latest published version of the programme: every public page
takes its rows from one function here, which builds them from that version's
snapshot (``agenda.snapshots``) and reads the rooms, tracks, speakers, agenda
items and documents it names by id, in a fixed number of queries however many
sessions and people there are. Organisers may preview the working programme (the
sessions marked published, as they are now) through the same functions.

The page objects are unsaved ``Session`` and ``SessionRole`` instances, so the
templates and exports read them as they would read rows; they are never saved.
"""

import itertools
from dataclasses import dataclass, field

from django.db.models import Case, Prefetch, When
from django.utils import timezone

from consultation.content_languages import columns

from .enums import DocumentKind, Language
from .models import (
    AgendaItem,
    Document,
    DocumentFile,
    ProgrammeVersion,
    Room,
    Session,
    SessionRole,
    Speaker,
    Track,
)
from .snapshots import build_snapshot, moment, with_defaults


@dataclass(frozen=True)
class Programme:
    """One state of a meeting's programme, as the programme pages read it.

    For the public, the latest published ``version`` (None before the first);
    for an organiser's preview, the working programme (``is_working``).
    ``entries`` are the snapshot's sessions in programme order.
    """

    meeting: object
    version: ProgrammeVersion | None
    entries: list
    is_working: bool = False

    @property
    def is_unpublished(self):
        """Whether the public has no version of this programme to see yet."""
        return self.version is None and not self.is_working


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


# The working programme ---------------------------------------------------------


def working_sessions(meeting):
    """The sessions marked published, as they are now, with all a snapshot keeps."""
    sessions = (
        Session.objects.published()
        .filter(meeting=meeting)
        .select_related("room", "track")
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=SessionRole.objects.select_related("speaker").order_by(
                    "position", "pk"
                ),
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.order_by("number", "sub_letter", "pk"),
            ),
        )
        .order_by("start", "position", "end", "title", "pk")
    )
    return list(sessions)


def latest_version(meeting):
    """Return the meeting's latest published version, or None."""
    version = meeting.programme_versions.order_by("-number").first()
    if version is not None:
        version.meeting = meeting
    return version


def published_programme(meeting) -> Programme:
    """The programme the public sees: the latest published version."""
    version = latest_version(meeting)
    entries = [with_defaults(entry) for entry in version.sessions] if version else []
    return Programme(meeting=meeting, version=version, entries=entries)


def working_programme(meeting) -> Programme:
    """The working programme as the next version would freeze it, for a preview."""
    version = latest_version(meeting)
    snapshot = build_snapshot(
        sessions=working_sessions(meeting),
        previous=version.snapshot if version else None,
        now=timezone.now(),
    )
    return Programme(
        meeting=meeting, version=version, entries=snapshot["sessions"], is_working=True
    )


# Page objects from snapshot entries -----------------------------------------------


def _set_related(instance, **related):
    """Give an unsaved instance's related managers fixed lists, as a prefetch does.

    ``instance.roles.all()`` then returns the list without a query.
    """
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache.update(related)


def _bare_session(meeting, entry):
    """The session of ``entry`` with its own fields only: enough for a link."""
    return Session(
        id=entry["id"],
        meeting=meeting,
        slug=entry["slug"],
        **columns("title", entry["title"]),
        kind=entry["kind"],
        start=moment(entry["start"]),
        end=moment(entry["end"]),
        **columns("description", entry["description"]),
        language=entry["language"],
        interpretation=entry["interpretation"],
        published=True,
    )


def _resolve(model, meeting, named):
    """Read the meeting's rooms or tracks by id; one deleted since keeps its name.

    All of the meeting's rows in one query (a meeting has a few dozen at most),
    so the count of queries does not depend on which ones the programme names.
    Each row is given its meeting, for its names' fall-back language.
    """
    rows = model.objects.filter(meeting=meeting).in_bulk()
    for row in rows.values():
        row.meeting = meeting
    for item in named:
        if item["id"] not in rows:
            rows[item["id"]] = model(
                id=item["id"], meeting=meeting, **columns("name", item["name"])
            )
    return rows


def _sessions(programme, entries, *, speakers=None):
    """Sessions of ``entries`` with room, track and people, in three queries.

    People are read live (their public profile); a person deleted since the
    version was published is left out. ``speakers`` (by id) limits the people
    to those already read, without a query.
    """
    meeting = programme.meeting
    rooms = _resolve(
        Room, meeting, [entry["room"] for entry in entries if entry["room"]]
    )
    tracks = _resolve(
        Track, meeting, [entry["track"] for entry in entries if entry["track"]]
    )
    if speakers is None:
        speakers = Speaker.objects.filter(meeting=meeting).in_bulk(
            {person["id"] for entry in entries for person in entry["people"]}
        )
    for speaker in speakers.values():
        speaker.meeting = meeting
    sessions = []
    for entry in entries:
        session = _bare_session(meeting, entry)
        session.room = rooms[entry["room"]["id"]] if entry["room"] else None
        session.track = tracks[entry["track"]["id"]] if entry["track"] else None
        roles = [
            SessionRole(
                session=session,
                speaker=speakers[person["id"]],
                role=person["role"],
                position=position,
                remarks=person["remarks"],
            )
            for position, person in enumerate(entry["people"])
            if person["id"] in speakers
        ]
        _set_related(session, roles=roles)
        sessions.append(session)
    return sessions


def _matches(entry, *, kind=None, track=None, room=None):
    return (
        (not kind or entry["kind"] == kind)
        and (not track or (entry["track"] or {}).get("id") == track.pk)
        and (not room or (entry["room"] or {}).get("id") == room.pk)
    )


# Pages ------------------------------------------------------------------------------


def agenda_sessions(programme, *, kind=None, track=None, room=None):
    """The programme's sessions with their people, narrowed by kind, track or room."""
    entries = [
        entry
        for entry in programme.entries
        if _matches(entry, kind=kind, track=track, room=room)
    ]
    return _sessions(programme, entries)


def programme_sessions(programme, *, ids, people=True):
    """The programme's sessions among ``ids``, in programme order.

    Without ``people`` the sessions have no roles, and no person is read.
    """
    entries = [entry for entry in programme.entries if entry["id"] in ids]
    return _sessions(programme, entries, speakers=None if people else {})


def group_by_day(meeting, sessions):
    """Group sessions by their local day in the meeting's time zone."""
    tz = meeting.tzinfo
    return [
        AgendaDay(date=day, sessions=list(group))
        for day, group in itertools.groupby(
            sessions, key=lambda session: session.start.astimezone(tz).date()
        )
    ]


def agenda_days(programme, **filters):
    """The programme by local day, in the meeting's time zone."""
    return group_by_day(programme.meeting, agenda_sessions(programme, **filters))


def now_and_next(programme, *, now):
    """The sessions running at `now` and those starting next, from the programme.

    Before the meeting's first day the first sessions are "next"; after its last
    day nothing is.
    """
    runs = what_runs(programme, now=now)
    # Only the sessions shown are built: before a large meeting, that is not all.
    sessions = _sessions(programme, runs.current + runs.upcoming)
    return NowAndNext(
        state=runs.state,
        current=sessions[: len(runs.current)],
        upcoming=sessions[len(runs.current) :],
    )


def what_runs(programme, *, now) -> NowAndNext:
    """``now_and_next`` as the programme's entries, without a query."""
    meeting = programme.meeting
    if now >= meeting.local_end():
        return NowAndNext(state="after")
    remaining = [entry for entry in programme.entries if moment(entry["end"]) > now]
    current = [entry for entry in remaining if moment(entry["start"]) <= now]
    later = [entry for entry in remaining if moment(entry["start"]) > now]
    upcoming = [entry for entry in later if entry["start"] == later[0]["start"]]
    state = "before" if now < meeting.local_start() else "running"
    return NowAndNext(state=state, current=current, upcoming=upcoming)


def session_for_page(programme, slug):
    """One session of the programme with its people, documents and agenda items.

    Returns None when the programme has no session with this slug. Documents
    keep their own published flag and are read live.
    """
    entry = next((entry for entry in programme.entries if entry["slug"] == slug), None)
    if entry is None:
        return None
    [session] = _sessions(programme, [entry])
    documents = published_documents(programme.meeting).filter(session_id=entry["id"])
    items = list(
        AgendaItem.objects.filter(
            meeting=programme.meeting, pk__in=entry["agenda_items"]
        ).order_by("number", "sub_letter", "pk")
    )
    for item in items:
        item.meeting = programme.meeting
    _set_related(session, documents=list(documents), agenda_items=items)
    return session


def programme_speakers(programme):
    """People who take part in at least one session of the programme, by name."""
    meeting = programme.meeting
    speakers = list(
        Speaker.objects.filter(
            meeting=meeting,
            pk__in={
                person["id"]
                for entry in programme.entries
                for person in entry["people"]
            },
        ).order_by("name", "pk")
    )
    for speaker in speakers:
        speaker.meeting = meeting
    return speakers


def speaker_for_page(programme, slug):
    """A speaker on the programme, with their parts in its sessions in time order.

    Returns None for someone who takes part in no session of the programme.
    """
    speaker = Speaker.objects.filter(meeting=programme.meeting, slug=slug).first()
    if speaker is None:
        return None
    entries = [
        entry
        for entry in programme.entries
        if any(person["id"] == speaker.pk for person in entry["people"])
    ]
    roles = [
        role
        for session in _sessions(programme, entries, speakers={speaker.pk: speaker})
        for role in session.roles.all()
    ]
    if not roles:
        return None
    _set_related(speaker, roles=roles)
    return speaker


def agenda_items(programme):
    """The agenda in UN order with the programme's sessions and documents of each item.

    The items themselves and their documents are read live; which sessions take
    an item up is part of the programme.
    """
    meeting = programme.meeting
    sessions = {
        entry["id"]: _bare_session(meeting, entry) for entry in programme.entries
    }
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("number", "sub_letter", "pk")
        .prefetch_related(Prefetch("documents", queryset=published_documents(meeting)))
    )
    for item in items:
        item.meeting = meeting
        for document in item.documents.all():
            document.meeting = meeting
        _set_related(
            item,
            sessions=[
                sessions[entry["id"]]
                for entry in programme.entries
                if item.pk in entry["agenda_items"]
            ],
        )
    return items


def published_documents(meeting):
    """The meeting's published documents, each with its language versions.

    The versions come in the order the UN lists its languages (Arabic, Chinese,
    English, French, Russian, Spanish).
    """
    un_order = Case(
        *(When(language=code, then=rank) for rank, code in enumerate(Language))
    )
    return (
        Document.objects.published()
        .filter(meeting=meeting)
        .select_related("meeting")
        .prefetch_related(
            Prefetch("files", queryset=DocumentFile.objects.order_by(un_order, "pk"))
        )
    )


def documents_by_kind(programme):
    """The meeting's published documents, grouped by kind in the order of DocumentKind.

    Each document's ``programme_session`` is its session as the programme shows
    it, or None when that session is not on the programme: the document is then
    listed for the meeting as a whole.
    """
    meeting = programme.meeting
    sessions = {
        entry["id"]: _bare_session(meeting, entry) for entry in programme.entries
    }
    documents = list(
        published_documents(meeting)
        .select_related("agenda_item")
        .order_by("symbol", "title", "pk")
    )
    for document in documents:
        document.programme_session = sessions.get(document.session_id)
        if document.agenda_item is not None:
            document.agenda_item.meeting = meeting
    return [
        DocumentGroup(
            kind=kind.value,
            label=kind.label,
            documents=[doc for doc in documents if doc.kind == kind],
        )
        for kind in DocumentKind
        if any(doc.kind == kind for doc in documents)
    ]
