"""Reads of lists of speakers: the order with its people, the chair's state."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from delegates.enums import OPEN_STATUSES

from ..models import Inscription, ListOfSpeakers


def speaking_order(list_of_speakers):
    """The list's inscriptions in speaking order, with delegation and speaker."""
    return list(
        Inscription.objects.filter(list_of_speakers=list_of_speakers)
        .select_related("delegation", "speaker")
        .order_by("position", "pk")
    )


def meeting_lists(meeting):
    """The meeting's lists of speakers with their agenda items, in agenda order.

    The items' titles fall back to the meeting's main language: the meeting is
    read with them, not once per item."""
    return ListOfSpeakers.objects.filter(agenda_item__meeting=meeting).select_related(
        "agenda_item__meeting"
    )


def get_meeting_list(meeting, pk):
    """The meeting's list of speakers with this id, or 404."""
    found = get_object_or_404(meeting_lists(meeting), pk=pk)
    found.agenda_item.meeting = meeting
    return found


@dataclass
class ChairState:
    """What the chair's view shows: who speaks now, who next, who is waiting."""

    list_of_speakers: ListOfSpeakers
    current: Inscription | None
    following: Inscription | None
    waiting: list[Inscription]
    spoken: list[Inscription]
    # Seconds the current speaker has left, negative once over time.
    remaining_seconds: int | None

    @property
    def remaining_clock(self):
        """The time left (or over) as minutes:seconds, as the timer shows it."""
        if self.remaining_seconds is None:
            return ""
        minutes, seconds = divmod(abs(self.remaining_seconds), 60)
        return f"{minutes}:{seconds:02d}"


def chair_state(list_of_speakers, *, now) -> ChairState:
    """Return who has the floor, who follows and who has spoken, from one query."""
    order = speaking_order(list_of_speakers)
    current = next((entry for entry in order if entry.is_speaking), None)
    pending = [entry for entry in order if entry.started_at is None]
    remaining = None
    if current is not None:
        elapsed = int((now - current.started_at).total_seconds())
        remaining = list_of_speakers.speaking_seconds - elapsed
    return ChairState(
        list_of_speakers=list_of_speakers,
        current=current,
        following=pending[0] if pending else None,
        waiting=pending[1:],
        spoken=[entry for entry in order if entry.has_spoken],
        remaining_seconds=remaining,
    )


def delegation_inscriptions(delegation):
    """A delegation's speakers on every list of its meeting, in agenda order."""
    return list(
        Inscription.objects.filter(delegation=delegation)
        .select_related("list_of_speakers__agenda_item__meeting", "speaker")
        .order_by(
            "list_of_speakers__agenda_item__number",
            "list_of_speakers__agenda_item__sub_letter",
            "position",
            "pk",
        )
    )


def open_lists(meeting):
    """The meeting's lists open for inscriptions."""
    return meeting_lists(meeting).filter(is_open=True)


def inscribable_members(delegation):
    """The members a delegation may inscribe: those whose registration is open."""
    return delegation.members.filter(status__in=OPEN_STATUSES).order_by(
        "family_name", "given_name", "pk"
    )
