"""Celery tasks of the programme; they take ids and may run twice without harm."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import versions

# A version published this long ago whose sign-ups are still untold lost its task.
TELL_SIGN_UPS_GRACE = timedelta(minutes=5)


@shared_task(acks_late=True)
def tell_side_event_sign_ups(version_pk: int) -> int:
    """Email the sign-ups of side events a version changed (once per version)."""
    return versions.tell_side_event_sign_ups(version_pk=version_pk)


@shared_task(acks_late=True)
def sweep_programme_notifications() -> int:
    """Start the sign-up emails of versions whose task was lost; run by beat."""
    due = versions.versions_with_sign_ups_to_tell(
        published_before=timezone.now() - TELL_SIGN_UPS_GRACE
    )
    for version_pk in due:
        tell_side_event_sign_ups.delay(version_pk)
    return len(due)
