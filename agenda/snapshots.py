"""The JSON snapshot of a programme that a published version freezes.

A snapshot holds, for each session of the programme in programme order, all
that the public pages and feeds show of it: title, kind, times, room, track,
description, languages, the people in speaking order with their roles, and the
agenda items it takes up. Title, description and the names of room and track are
kept in every language they are written in (``{"en": ..., "fr": ...}``), so a
version reads the same in each language, whatever language it was published in.
Rooms, tracks, speakers and agenda items are kept by id (with a name where the
changelog needs one) and read live when a page is built.

Snapshots published by older code lack some keys; ``with_defaults`` fills them
in, so every reader sees one shape.
"""

import datetime

from django.conf import settings

from consultation.content_languages import texts_of

# A change to any of these is worth a new iCalendar SEQUENCE.
TRACKED_FIELDS = ("start", "end", "room", "title", "people")

# What a session entry holds when an older snapshot did not record it.
ENTRY_DEFAULTS = {
    "track": None,
    "description": "",
    "language": "en",
    "interpretation": [],
    "people": [],
    "agenda_items": [],
}

# Per-entry bookkeeping, not part of what the public sees.
REVISION_KEYS = ("sequence", "changed_at")

EMPTY_SNAPSHOT = {"sessions": []}


def utc_iso(moment):
    return moment.astimezone(datetime.UTC).isoformat()


def moment(value):
    return datetime.datetime.fromisoformat(value)


def _named(instance):
    return {"id": instance.pk, "name": texts_of(instance, "name")} if instance else None


def _texts(value):
    """A text of a snapshot in every language; older ones kept English only."""
    if isinstance(value, dict):
        return value
    return {settings.LANGUAGE_CODE: value} if value else {}


def _named_texts(named):
    return {**named, "name": _texts(named["name"])} if named else None


def session_entry(session):
    """Return the JSON-ready state of a session that a snapshot keeps.

    ``session.roles`` should be prefetched with their speakers, in speaking
    order, and ``session.agenda_items`` in agenda order.
    """
    return {
        "id": session.pk,
        "slug": session.slug,
        "title": texts_of(session, "title"),
        "kind": session.kind,
        "start": utc_iso(session.start),
        "end": utc_iso(session.end),
        "room": _named(session.room),
        "track": _named(session.track),
        "description": texts_of(session, "description"),
        "language": session.language,
        "interpretation": list(session.interpretation),
        "people": [
            {
                "id": role.speaker_id,
                "name": role.speaker.display_name,
                "role": role.role,
                "remarks": role.remarks,
            }
            for role in session.roles.all()
        ],
        "agenda_items": [item.pk for item in session.agenda_items.all()],
    }


def with_defaults(entry):
    """Return ``entry`` with every key a current snapshot has."""
    people = [{"remarks": "", **person} for person in entry.get("people", [])]
    entry = {**ENTRY_DEFAULTS, **entry, "people": people}
    return {
        **entry,
        "title": _texts(entry["title"]),
        "description": _texts(entry["description"]),
        "room": _named_texts(entry["room"]),
        "track": _named_texts(entry["track"]),
    }


def public_content(entry):
    """Return what the public sees of ``entry``: all but its revision count."""
    return {
        key: value
        for key, value in with_defaults(entry).items()
        if key not in REVISION_KEYS
    }


def _tracked(entry):
    entry = with_defaults(entry)
    tracked = {name: entry[name] for name in TRACKED_FIELDS}
    # Who takes part and in which role; a changed remark is no new revision.
    tracked["people"] = [
        (person["id"], person["name"], person["role"]) for person in tracked["people"]
    ]
    return tracked


def next_revision(entry, before, now):
    """Return (sequence, changed_at) of ``entry`` given its previous entry."""
    if before is None:
        return 0, utc_iso(now)
    if _tracked(before) == _tracked(entry):
        return before["sequence"], before["changed_at"]
    return before["sequence"] + 1, utc_iso(now)


def build_snapshot(*, sessions, previous=None, now):
    """Return the snapshot of ``sessions``, counting revisions from ``previous``."""
    before = {entry["id"]: entry for entry in previous["sessions"]} if previous else {}
    entries = []
    for session in sessions:
        entry = session_entry(session)
        entry["sequence"], entry["changed_at"] = next_revision(
            entry, before.get(session.pk), now
        )
        entries.append(entry)
    return {"sessions": entries}


def snapshots_differ(old, new):
    """Whether the public would see any difference between two snapshots."""
    return [public_content(entry) for entry in old["sessions"]] != [
        public_content(entry) for entry in new["sessions"]
    ]
