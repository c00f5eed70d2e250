"""The programme's models, one module per concern; import them from here.

Each module holds one part of the programme (``programme``: rooms and sessions;
``versions``: published editions of the programme).
Add a new module for a new concern and re-export its models below.
"""

from .programme import Room, Session, SessionQuerySet
from .versions import ProgrammeVersion

__all__ = ["ProgrammeVersion", "Room", "Session", "SessionQuerySet"]
