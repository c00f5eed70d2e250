"""Helpers for the transactions of services."""

from django.db import connection


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
