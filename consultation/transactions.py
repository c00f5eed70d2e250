"""Side effects that run after the surrounding transaction commits."""

from django.db import connection, transaction


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


def set_local_lock_timeout(milliseconds: int) -> None:
    """Bound how long this transaction waits for a row lock (PostgreSQL only).

    Past the limit PostgreSQL raises lock_not_available, which callers turn into
    a "please try again" message instead of a request that hangs.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('lock_timeout', %s, true)", [f"{milliseconds}ms"]
            )
