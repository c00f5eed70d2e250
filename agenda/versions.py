"""Published versions of a meeting's programme: services and selectors.

Organisers edit the working programme (the sessions marked *published*) in the
admin. Publishing a *version* freezes it under a name ("v1 – provisional") as a
JSON snapshot (``agenda.snapshots``); the public pages and feeds show only the
latest version. Consecutive snapshots give the public changelog, each session's
iCalendar SEQUENCE, and the list of sessions whose sign-ups must be told about a
change (README: "Programme feeds, caching and versions").
"""

import datetime
import itertools
from dataclasses import dataclass
from functools import partial

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultation.celery import task
from consultation.content_languages import Texts
from consultation.models import Meeting, User
from consultation.webhooks.enums import WebhookEvent
from consultation.webhooks.services import emit

from .enums import Language, Role, SessionKind, SignUpStatus
from .exceptions import AgendaError
from .models import ProgrammeVersion, SideEventSignUp
from .selectors import latest_version, working_sessions
from .side_events.emails import queue_side_event_email
from .snapshots import (
    EMPTY_SNAPSHOT,
    build_snapshot,
    moment,
    snapshots_differ,
    with_defaults,
)

# Changes that delegates signed up for a side event are emailed about.
NOTIFIED_FIELDS = {"time", "room", "title", "people"}


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
            "kind": gettext("Kind"),
            "track": gettext("Track"),
            "languages": gettext("Languages"),
            "description": gettext("Description"),
            "agenda_items": gettext("Agenda items"),
        }[self.name]

    @property
    def shows_values(self):
        """Whether the old and new values are short enough to show side by side."""
        return self.name not in {"description", "agenda_items"}


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

    @property
    def is_notified(self):
        """Whether delegates signed up for the session are emailed about it."""
        return self.action == ChangeAction.CANCELLED or any(
            field.name in NOTIFIED_FIELDS for field in self.fields
        )


@dataclass(frozen=True)
class VersionChanges:
    """A published version with the changes it brought since the one before."""

    version: ProgrammeVersion
    previous: ProgrammeVersion | None
    changes: list


def _people(entry):
    return ", ".join(
        f"{person['name']} ({Role(person['role']).label})" for person in entry["people"]
    )


def _name(named, main_language):
    return Texts(named["name"], main_language=main_language) if named else None


def _kind(entry):
    return str(SessionKind(entry["kind"]).label)


def _languages(entry):
    labels = dict(Language.choices)
    floor = str(labels.get(entry["language"], entry["language"]))
    interpretation = [str(labels.get(code, code)) for code in entry["interpretation"]]
    if not interpretation:
        return floor
    return gettext("%(floor)s; interpretation into %(languages)s") % {
        "floor": floor,
        "languages": ", ".join(interpretation),
    }


def _field_changes(old, new, main_language):
    old, new = with_defaults(old), with_defaults(new)
    fields = []
    if (old["start"], old["end"]) != (new["start"], new["end"]):
        fields.append(
            FieldChange(
                "time",
                (moment(old["start"]), moment(old["end"])),
                (moment(new["start"]), moment(new["end"])),
            )
        )
    compared = [
        ("room", lambda entry: _name(entry["room"], main_language)),
        ("title", lambda entry: Texts(entry["title"], main_language=main_language)),
        ("people", _people),
        ("kind", _kind),
        ("track", lambda entry: _name(entry["track"], main_language)),
        ("languages", _languages),
        (
            "description",
            lambda entry: Texts(entry["description"], main_language=main_language),
        ),
        ("agenda_items", lambda entry: entry["agenda_items"]),
    ]
    for name, value in compared:
        before, after = value(old), value(new)
        if before != after:
            fields.append(FieldChange(name, before, after))
    return tuple(fields)


def diff_snapshots(old, new, *, main_language=None):
    """List how each session differs from ``old`` to ``new``, in programme order.

    Titles and names print in the language active when they are shown, else the
    meeting's ``main_language``; a change in any language is a change.
    """
    old_entries = {entry["id"]: entry for entry in old["sessions"]}
    new_entries = {entry["id"]: entry for entry in new["sessions"]}
    changes = []
    for entry in new["sessions"]:
        before = old_entries.get(entry["id"])
        if before is None:
            changes.append(_session_change(ChangeAction.ADDED, entry, main_language))
        elif fields := _field_changes(before, entry, main_language):
            changes.append(
                _session_change(ChangeAction.CHANGED, entry, main_language, fields)
            )
    for entry in old["sessions"]:
        if entry["id"] not in new_entries:
            changes.append(
                _session_change(ChangeAction.CANCELLED, entry, main_language)
            )
    return sorted(changes, key=lambda change: (change.start, change.session_id))


def _session_change(action, entry, main_language, fields=()):
    return SessionChange(
        action=action.value,
        session_id=entry["id"],
        slug=entry["slug"],
        title=Texts(with_defaults(entry)["title"], main_language=main_language),
        start=moment(entry["start"]),
        fields=fields,
    )


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
            changes=diff_snapshots(
                previous.snapshot,
                version.snapshot,
                main_language=meeting.main_language,
            )
            if previous
            else [],
        )
        for previous, version in itertools.pairwise([None, *versions])
    ]
    if limit is not None and len(versions) > limit:
        history = history[1:]
    return list(reversed(history))


def pending_changes(meeting):
    """Return how the working programme differs from the meeting's latest version.

    Before the first version every session marked published counts as new.
    """
    previous = latest_version(meeting)
    snapshot = build_snapshot(
        sessions=working_sessions(meeting),
        previous=previous.snapshot if previous else None,
        now=timezone.now(),
    )
    return diff_snapshots(
        previous.snapshot if previous else EMPTY_SNAPSHOT,
        snapshot,
        main_language=meeting.main_language,
    )


def publish_programme_version(
    *, meeting: Meeting, name: str, notes: str = "", by: User | None = None
) -> ProgrammeVersion:
    """Freeze the meeting's working programme as a new named version.

    The version holds the sessions marked published, as they are now; from then
    on the public pages and feeds show it.

    Side effects: locks the meeting row for the publication; writes one
    ProgrammeVersion (whose save bumps ``Meeting.programme_changed_at``, so pages
    and feeds revalidate) and a "programme.version_published" webhook; after
    commit, a task emails the delegates signed up for a side event that changed
    since the previous version (tell_side_event_sign_ups).
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
        previous = latest_version(meeting)
        now = timezone.now()
        sessions = working_sessions(meeting)
        if not sessions and previous is None:
            raise AgendaError(
                gettext("No session is published yet; there is nothing to publish.")
            )
        snapshot = build_snapshot(
            sessions=sessions, previous=previous.snapshot if previous else None, now=now
        )
        changes = (
            diff_snapshots(
                previous.snapshot, snapshot, main_language=meeting.main_language
            )
            if previous
            else []
        )
        if previous and not snapshots_differ(previous.snapshot, snapshot):
            raise AgendaError(
                gettext(
                    "Nothing has changed since “%(name)s”; there is no new version "
                    "to publish."
                )
                % {"name": previous.name}
            )
        told = any(change.is_notified for change in changes)
        version = ProgrammeVersion.objects.create(
            meeting=meeting,
            number=previous.number + 1 if previous else 1,
            name=name,
            notes=notes,
            snapshot=snapshot,
            published_at=now,
            published_by=by,
            sign_ups_told_at=None if told else now,
        )
        version.held_sessions.add(*(entry["id"] for entry in snapshot["sessions"]))
        emit(
            meeting=meeting,
            event=WebhookEvent.PROGRAMME_VERSION_PUBLISHED,
            data={
                "programme_version": {
                    "id": version.pk,
                    "number": version.number,
                    "name": version.name,
                    "notes": version.notes,
                    "published_at": version.published_at,
                    "sessions": len(snapshot["sessions"]),
                }
            },
        )
        if told:
            transaction.on_commit(partial(_tell_sign_ups_later, version.pk))
    return version


def _tell_sign_ups_later(version_pk):
    task("agenda.tasks.tell_side_event_sign_ups").delay(version_pk)


def versions_with_sign_ups_to_tell(*, published_before) -> list[int]:
    """Ids of versions whose sign-ups are still to be told, published before then."""
    return list(
        ProgrammeVersion.objects.filter(
            sign_ups_told_at__isnull=True, published_at__lte=published_before
        ).values_list("pk", flat=True)
    )


def tell_side_event_sign_ups(*, version_pk: int) -> int:
    """Tell every delegate signed up for a side event the version changed what changed.

    Runs in a worker after the version is published; once per version, however
    often it is called. Returns the number of emails written. Side effects:
    locks the version; one "changed" email (outbox) per sign-up that is still
    alive (booked, waiting or requested at registration; not a lapsed wish);
    stamps ``sign_ups_told_at``, in the same transaction.
    """
    with transaction.atomic():
        version = (
            ProgrammeVersion.objects.select_for_update()
            .filter(pk=version_pk, sign_ups_told_at__isnull=True)
            .first()
        )
        if version is None:
            return 0
        previous = (
            ProgrammeVersion.objects.filter(
                meeting_id=version.meeting_id, number__lt=version.number
            )
            .order_by("-number")
            .first()
        )
        changes = [
            change
            for change in (
                diff_snapshots(
                    previous.snapshot,
                    version.snapshot,
                    main_language=version.meeting.main_language,
                )
                if previous
                else []
            )
            if change.is_notified
        ]
        count = _email_side_event_sign_ups(version=version, changes=changes)
        version.sign_ups_told_at = timezone.now()
        version.save(update_fields=["sign_ups_told_at"])
    return count


def _email_side_event_sign_ups(
    *, version: ProgrammeVersion, changes: list[SessionChange]
) -> int:
    by_session = {change.session_id: change for change in changes}
    signups = (
        SideEventSignUp.objects.filter(side_event__session_id__in=by_session)
        .exclude(status=SignUpStatus.LAPSED)
        .select_related(
            "registration__meeting", "side_event__session__room", "side_event__session"
        )
        .order_by("pk")
    )
    count = 0
    for signup in signups:
        queue_side_event_email(
            signup,
            "changed",
            change=by_session[signup.side_event.session_id],
            version=version,
        )
        count += 1
    return count
