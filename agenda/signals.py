"""The programme's signals: a change to what the public sees bumps its meeting's state.

Every change to a room, session, track, agenda item, person, role, document or
published version bumps ``Meeting.programme_changed_at``; the kept public pages
(consultation/page_cache) name that state in their ETag. Wired in
``AgendaConfig.ready()``.
"""

import datetime

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from consultation.models import Meeting
from consultation.page_cache.kept_pages import (
    forget_programme_states,
    shown_row_changed,
)


def touch_programme(*, meeting_id: int, now: datetime.datetime | None = None) -> None:
    """Record that the meeting's public programme changed.

    Side effects: one UPDATE of the meeting's ``programme_changed_at``; no save(),
    so ``updated_at`` and the meeting's own signals are left alone. This process
    forgets the programme states it remembered.
    """
    Meeting.objects.filter(pk=meeting_id).update(
        programme_changed_at=now or timezone.now()
    )
    forget_programme_states()


def programme_row_changed(sender, instance, **kwargs):
    touch_programme(meeting_id=instance.meeting_id)


def session_row_changed(sender, instance, **kwargs):
    """Bump the meeting of a row that belongs to one session (a person's role)."""
    Meeting.objects.filter(sessions=instance.session_id).update(
        programme_changed_at=timezone.now()
    )
    forget_programme_states()


def document_file_changed(sender, instance, **kwargs):
    """Bump the meeting of a document's language version."""
    Meeting.objects.filter(documents=instance.document_id).update(
        programme_changed_at=timezone.now()
    )
    forget_programme_states()


def agenda_item_sessions_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        touch_programme(meeting_id=instance.meeting_id)


def connect_signals():
    """Bump the programme's timestamp whenever a row the public sees changes."""
    from .models import (
        AgendaItem,
        Document,
        DocumentFile,
        ProgrammeVersion,
        Room,
        Session,
        SessionRole,
        SideEvent,
        Speaker,
        Track,
    )

    receivers = dict.fromkeys(
        (AgendaItem, Document, ProgrammeVersion, Room, Session, Speaker, Track),
        programme_row_changed,
    )
    receivers[SessionRole] = session_row_changed
    receivers[DocumentFile] = document_file_changed
    for model, receiver in receivers.items():
        uid = f"agenda.signals.{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}.delete")
    for model in (Meeting, SideEvent):
        uid = f"agenda.signals.{model.__name__}"
        post_save.connect(shown_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(
            shown_row_changed, sender=model, dispatch_uid=f"{uid}.delete"
        )
    m2m_changed.connect(
        agenda_item_sessions_changed,
        sender=AgendaItem.sessions.through,
        dispatch_uid="agenda.signals.AgendaItem.sessions",
    )
