"""The programme's models, one module per concern; import them from here.

Each module holds one part of the programme (``programme``: rooms and sessions).
Add a new module for a new concern and re-export its models below.
"""

from .programme import Room, Session, SessionQuerySet

__all__ = ["Room", "Session", "SessionQuerySet"]
