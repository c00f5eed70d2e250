"""The programme's models, one module per concern; import them from here.

Each module holds one part of the programme (``programme``: rooms and sessions;
``side_events``: side events, their invitation codes and sign-ups;
``versions``: published editions of the programme).
Add a new module for a new concern and re-export its models below.
"""

from .programme import Room, Session, SessionQuerySet
from .side_events import InvitationCode, SideEvent, SideEventSignUp
from .versions import ProgrammeVersion

__all__ = [
    "InvitationCode",
    "ProgrammeVersion",
    "Room",
    "Session",
    "SessionQuerySet",
    "SideEvent",
    "SideEventSignUp",
]
