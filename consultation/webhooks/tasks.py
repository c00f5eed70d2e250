"""Celery tasks of the webhooks; they take ids and may run twice without harm."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def deliver_webhooks(delivery_ids: list[int]) -> dict[str, int]:
    """POST the deliveries that are due (see services.deliver_due)."""
    return services.deliver_due(delivery_ids)


@shared_task(acks_late=True)
def sweep_webhooks() -> int:
    """Hand left-behind deliveries to the workers (see services.sweep); run by beat."""
    return len(services.sweep())
