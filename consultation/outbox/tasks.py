"""Celery tasks of the outbox; they take ids and may run twice without harm."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_mails(mail_ids: list[int]) -> dict[str, int]:
    """Send the outbox messages that are due (see services.send_queued_mails)."""
    return services.send_queued_mails(mail_ids)


@shared_task(acks_late=True)
def sweep_outbox() -> int:
    """Hand left-behind messages to the workers (see services.sweep); run by beat."""
    return len(services.sweep())
