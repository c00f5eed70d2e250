"""Celery tasks of registrations; they take ids and may run twice without harm."""

from datetime import timedelta

from celery import shared_task
from django.core.management import call_command
from django.utils import timezone

from .announcements import services as announcements
from .online import services as online

# An announcement this old with recipients still without an email lost its task.
DELIVERY_GRACE = timedelta(minutes=2)


@shared_task(acks_late=True)
def deliver_announcement(announcement_pk: int) -> int:
    """Write each recipient's email to the outbox (see deliver_announcement)."""
    return announcements.deliver_announcement(announcement_pk)


@shared_task(acks_late=True)
def sweep_announcements() -> int:
    """Restart the delivery of announcements whose task was lost; run by beat."""
    due = announcements.announcements_to_deliver(
        created_before=timezone.now() - DELIVERY_GRACE
    )
    for announcement_pk in due:
        deliver_announcement.delay(announcement_pk)
    return len(due)


@shared_task(acks_late=True)
def erase_personal_data() -> None:
    """Erase the personal data of meetings past retention (the daily run by beat)."""
    call_command("erase_personal_data")


@shared_task(acks_late=True)
def send_joining_links() -> int:
    """Email the joining links to online participants due them; run by beat."""
    return online.send_joining_links()
