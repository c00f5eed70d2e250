class AgendaError(Exception):
    """A programme rule was broken; the message is translated and shown as is."""
