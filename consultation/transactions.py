"""Side effects that run after the surrounding transaction commits."""

from django.db import transaction


def send_after_commit(send, /, *args, **kwargs):
    """Call send(*args, **kwargs) once the transaction commits, e.g. to email someone.

    A failure (a mail server that is down) is logged, never raised: the data is
    already saved and the person must not see an error page for it. Django's own
    robust=True logging needs a __qualname__, which functools.partial lacks.
    """

    def callback():
        send(*args, **kwargs)

    callback.__qualname__ = getattr(send, "__qualname__", repr(send))
    transaction.on_commit(callback, robust=True)
