"""Keep side event seats in step with registrations decided elsewhere."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save

from delegates.enums import RegistrationStatus
from delegates.models import Registration

from .side_event_services import release_side_event_places

WITHDRAWN = {RegistrationStatus.REJECTED, RegistrationStatus.CANCELLED}


def release_places_of_withdrawn_registration(
    sender, instance, update_fields=None, **kwargs
):
    """A rejected or cancelled registration's seats go to the waiting list.

    Runs after the status change commits, so the seat lock is never taken while
    the registration's own row is locked.
    """
    if update_fields is not None and "status" not in update_fields:
        return
    if instance.status in WITHDRAWN:
        transaction.on_commit(partial(release_side_event_places, registration=instance))


def connect_signals():
    post_save.connect(
        release_places_of_withdrawn_registration,
        sender=Registration,
        dispatch_uid="agenda.release_places_of_withdrawn_registration",
    )
