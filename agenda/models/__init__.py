"""The programme's models, one module per concern; import them from here.

``programme``: rooms, tracks, sessions, agenda items and the people on the
programme; ``documents``: meeting documents. Add a new module for a new concern and
re-export its models below.
"""

from .documents import Document, DocumentQuerySet
from .programme import (
    AgendaItem,
    Room,
    Session,
    SessionQuerySet,
    SessionRole,
    Speaker,
    Track,
)

__all__ = [
    "AgendaItem",
    "Document",
    "DocumentQuerySet",
    "Room",
    "Session",
    "SessionQuerySet",
    "SessionRole",
    "Speaker",
    "Track",
]
