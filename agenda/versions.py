"""Published versions of a meeting's programme: services and selectors.

Organisers edit sessions in the admin; the public pages and feeds show the
sessions marked *published*. Publishing a *version* freezes that public programme
under a name ("v1 – provisional") as a JSON snapshot. Consecutive snapshots give
the public changelog, each session's iCalendar SEQUENCE, and the list of sessions
whose sign-ups must be told about a change (README: "Programme feeds, caching
and versions").
"""

import datetime
import itertools
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultation.models import Meeting, User
from consultation.transactions import send_after_commit

from .enums import Role
from .exceptions import AgendaError
from .models import ProgrammeVersion, SideEventSignUp
from .selectors import agenda_sessions
from .side_event_emails import send_side_event_email

# A change to any of these is worth a line in the changelog and a new SEQUENCE.
TRACKED_FIELDS = ("start", "end", "room", "title", "people")

EMPTY_SNAPSHOT = {"sessions": []}


class ChangeAction(models.TextChoices):
    ADDED = "added", _("New")
    CANCELLED = "cancelled", _("Cancelled")
    CHANGED = "changed", _("Changed")


@dataclass(frozen=True)
class FieldChange:
    """One aspect of a session that differs between two versions."""

    name: str
    old: object
    new: object

    @property
    def label(self):
        return {
            "time": gettext("Time"),
            "room": gettext("Room"),
            "title": gettext("Title"),
            "people": gettext("People"),
        }[self.name]


@dataclass(frozen=True)
class SessionChange:
    """How one session differs between two consecutive versions."""

    action: str
    session_id: int
    slug: str
    title: str
    start: datetime.datetime
    fields: tuple = ()

    def get_action_display(self):
        return ChangeAction(self.action).label


@dataclass(frozen=True)
class VersionChanges:
    """A published version with the changes it brought since the one before."""

    version: ProgrammeVersion
    previous: ProgrammeVersion | None
    changes: list


@dataclass(frozen=True)
class Revision:
    """A session's iCalendar revision: SEQUENCE and LAST-MODIFIED."""

    sequence: int
    last_modified: datetime.datetime


def _utc_iso(moment):
    return moment.astimezone(datetime.UTC).isoformat()


def session_entry(session):
    """Return the JSON-ready state of a session that a snapshot keeps.

    ``session.roles`` should be prefetched with their speakers.
    """
    room = session.room
    return {
        "id": session.pk,
        "slug": session.slug,
        "title": session.title,
        "kind": session.kind,
        "start": _utc_iso(session.start),
        "end": _utc_iso(session.end),
        "room": {"id": room.pk, "name": room.name} if room else None,
        "people": [
            {
                "id": role.speaker_id,
                "name": role.speaker.display_name,
                "role": role.role,
            }
            for role in session.roles.all()
        ],
    }


def _tracked(entry):
    # .get: snapshots published before people were recorded have no "people".
    return {name: entry.get(name, []) for name in TRACKED_FIELDS}


def _people(entry):
    return ", ".join(
        f"{person['name']} ({Role(person['role']).label})"
        for person in entry.get("people", [])
    )


def _next_revision(entry, before, now):
    """Return (sequence, changed_at) of ``entry`` given its previous entry."""
    if before is None:
        return 0, _utc_iso(now)
    if _tracked(before) == _tracked(entry):
        return before["sequence"], before["changed_at"]
    return before["sequence"] + 1, _utc_iso(now)


def build_snapshot(*, sessions, previous=None, now):
    """Return the snapshot of ``sessions``, counting revisions from ``previous``."""
    before = {entry["id"]: entry for entry in previous["sessions"]} if previous else {}
    entries = []
    for session in sessions:
        entry = session_entry(session)
        entry["sequence"], entry["changed_at"] = _next_revision(
            entry, before.get(session.pk), now
        )
        entries.append(entry)
    return {"sessions": entries}


def _moment(value):
    return datetime.datetime.fromisoformat(value)


def _field_changes(old, new):
    fields = []
    if (old["start"], old["end"]) != (new["start"], new["end"]):
        fields.append(
            FieldChange(
                "time",
                (_moment(old["start"]), _moment(old["end"])),
                (_moment(new["start"]), _moment(new["end"])),
            )
        )
    if old["room"] != new["room"]:
        fields.append(
            FieldChange(
                "room",
                old["room"]["name"] if old["room"] else None,
                new["room"]["name"] if new["room"] else None,
            )
        )
    if old["title"] != new["title"]:
        fields.append(FieldChange("title", old["title"], new["title"]))
    if _people(old) != _people(new):
        fields.append(FieldChange("people", _people(old), _people(new)))
    return tuple(fields)


def diff_snapshots(old, new):
    """List how each session differs from ``old`` to ``new``, in programme order."""
    old_entries = {entry["id"]: entry for entry in old["sessions"]}
    new_entries = {entry["id"]: entry for entry in new["sessions"]}
    changes = []
    for entry in new["sessions"]:
        before = old_entries.get(entry["id"])
        if before is None:
            changes.append(_session_change(ChangeAction.ADDED, entry))
        elif fields := _field_changes(before, entry):
            changes.append(_session_change(ChangeAction.CHANGED, entry, fields))
    for entry in old["sessions"]:
        if entry["id"] not in new_entries:
            changes.append(_session_change(ChangeAction.CANCELLED, entry))
    return sorted(changes, key=lambda change: (change.start, change.session_id))


def _session_change(action, entry, fields=()):
    return SessionChange(
        action=action.value,
        session_id=entry["id"],
        slug=entry["slug"],
        title=entry["title"],
        start=_moment(entry["start"]),
        fields=fields,
    )


def current_version(meeting):
    """Return the meeting's latest published version, or None."""
    return meeting.programme_versions.order_by("-number").first()


def programme_changelog(meeting, *, limit=None):
    """Return the meeting's versions, newest first, each with its changes.

    One query: ``limit`` versions plus the one before the oldest, to diff against.
    The first version has no changes; it is where the changelog starts.
    """
    versions = meeting.programme_versions.order_by("-number")
    if limit is not None:
        versions = versions[: limit + 1]
    versions = list(reversed(versions))
    for version in versions:
        version.meeting = meeting
    history = [
        VersionChanges(
            version=version,
            previous=previous,
            changes=diff_snapshots(previous.snapshot, version.snapshot)
            if previous
            else [],
        )
        for previous, version in itertools.pairwise([None, *versions])
    ]
    if limit is not None and len(versions) > limit:
        history = history[1:]
    return list(reversed(history))


def revisions(*, sessions, version, programme_changed_at):
    """Return each session's iCalendar revision, keyed by session id.

    A session as it stood in the current version keeps that version's count; one
    edited since counts one more, as of the programme's last change.
    """
    before = {entry["id"]: entry for entry in version.sessions} if version else {}
    result = {}
    for session in sessions:
        entry = before.get(session.pk)
        if entry is None:
            result[session.pk] = Revision(0, programme_changed_at)
            continue
        sequence, changed_at = _next_revision(
            session_entry(session), entry, programme_changed_at
        )
        result[session.pk] = Revision(sequence, _moment(changed_at))
    return result


def pending_changes(meeting):
    """Return how the published sessions differ from the meeting's latest version.

    Before the first version every published session counts as new.
    """
    previous = current_version(meeting)
    snapshot = build_snapshot(
        sessions=agenda_sessions(meeting),
        previous=previous.snapshot if previous else None,
        now=timezone.now(),
    )
    return diff_snapshots(previous.snapshot if previous else EMPTY_SNAPSHOT, snapshot)


def publish_programme_version(
    *, meeting: Meeting, name: str, notes: str = "", by: User | None = None
) -> ProgrammeVersion:
    """Freeze the meeting's published sessions as a new named version.

    Side effects: locks the meeting row for the publication; writes one
    ProgrammeVersion (whose save bumps ``Meeting.programme_changed_at``, so pages
    and feeds revalidate); after commit, emails the delegates signed up for a
    side event that changed since the previous version.
    Raises AgendaError for an empty or taken name, a first version without
    sessions, or a programme unchanged since the previous version.
    """
    name = name.strip()
    if not name:
        raise AgendaError(gettext("Give the version a name, such as “v2”."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.programme_versions.filter(name__iexact=name).exists():
            raise AgendaError(
                gettext("There is already a version called “%(name)s”.")
                % {"name": name}
            )
        previous = current_version(meeting)
        now = timezone.now()
        sessions = agenda_sessions(meeting)
        if not sessions and previous is None:
            raise AgendaError(
                gettext("No session is published yet; there is nothing to publish.")
            )
        snapshot = build_snapshot(
            sessions=sessions, previous=previous.snapshot if previous else None, now=now
        )
        changes = diff_snapshots(previous.snapshot, snapshot) if previous else []
        if previous and not changes:
            raise AgendaError(
                gettext(
                    "Nothing has changed since “%(name)s”; there is no new version "
                    "to publish."
                )
                % {"name": previous.name}
            )
        version = ProgrammeVersion.objects.create(
            meeting=meeting,
            number=previous.number + 1 if previous else 1,
            name=name,
            notes=notes,
            snapshot=snapshot,
            published_at=now,
            published_by=by,
        )
        if changes:
            send_after_commit(
                email_side_event_sign_ups, version=version, changes=changes
            )
    return version


def email_side_event_sign_ups(
    *, version: ProgrammeVersion, changes: list[SessionChange]
) -> None:
    """Tell every delegate signed up for a changed side event what changed.

    ``changes`` are the version's SessionChanges; only sessions that are side
    events have sign-ups. Side effects: one "changed" email per sign-up, booked
    or waiting, through the side events' ``send_side_event_email``.
    """
    by_session = {change.session_id: change for change in changes}
    signups = (
        SideEventSignUp.objects.filter(side_event__session_id__in=by_session)
        .select_related(
            "registration__meeting", "side_event__session__room", "side_event__session"
        )
        .order_by("pk")
    )
    for signup in signups:
        send_side_event_email(
            signup,
            "changed",
            change=by_session[signup.side_event.session_id],
            version=version,
        )
