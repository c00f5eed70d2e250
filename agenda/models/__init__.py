"""The programme's models, one module per concern; import them from here.

Each module holds one part of the programme (``programme``: rooms, tracks,
sessions, agenda items and the people on the programme; ``documents``: meeting
documents; ``side_events``: side events, their invitation codes and sign-ups;
``speakers_list``: lists of speakers on agenda items, inscriptions and moves;
``versions``: published editions of the programme).
Add a new module for a new concern and re-export its models below.
"""

from .documents import Document, DocumentFile, DocumentQuerySet
from .programme import (
    AgendaItem,
    Room,
    Session,
    SessionQuerySet,
    SessionRole,
    Speaker,
    Track,
)
from .side_events import InvitationCode, SideEvent, SideEventSignUp
from .speakers_list import Inscription, ListOfSpeakers, SpeakerMove
from .versions import ProgrammeVersion

__all__ = [
    "AgendaItem",
    "Document",
    "DocumentFile",
    "DocumentQuerySet",
    "Inscription",
    "InvitationCode",
    "ListOfSpeakers",
    "ProgrammeVersion",
    "Room",
    "Session",
    "SessionQuerySet",
    "SessionRole",
    "SideEvent",
    "SideEventSignUp",
    "Speaker",
    "SpeakerMove",
    "Track",
]
