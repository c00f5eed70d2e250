"""Hold a row lock from another connection, as a second request would."""

import contextlib
import threading

from django.db import connection, transaction


@contextlib.contextmanager
def row_locked_elsewhere(instance):
    """Keep ``instance``'s row locked by another thread until the block ends."""
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock():
        try:
            with transaction.atomic():
                type(instance).objects.select_for_update().get(pk=instance.pk)
                locked.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    locked.wait(timeout=10)
    try:
        yield
    finally:
        release.set()
        holder.join()
