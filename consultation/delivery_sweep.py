"""The periodic sweep shared by the outbox and the webhooks: rows that a worker
should have sent, handed to the workers again.

Both keep a row per message with a status, attempts, a lease (claimed_at) and
the time it was last handed to the broker (enqueued_at).
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

GAVE_UP_MID_SEND = "A worker stopped while sending it, on every attempt."


def hand_over_due(model, *, sendable, lease_seconds, max_attempts, limit) -> list:
    """Ids of rows due and never handed over, handed over a lease ago and not
    taken, or left "sending" past a lease (the worker died mid-send).

    Side effects: gives up those stuck on their last attempt; stamps the others
    as handed over now. The caller publishes their tasks.
    """
    now = timezone.now()
    lease_ago = now - timedelta(seconds=lease_seconds)
    stuck = Q(status="sending", claimed_at__lte=lease_ago)
    model.objects.filter(stuck, attempts__gte=max_attempts).update(
        status="given_up", last_error=GAVE_UP_MID_SEND
    )
    never_handed_over = Q(enqueued_at__isnull=True, next_attempt_at__lte=now)
    lost = Q(enqueued_at__lte=lease_ago, next_attempt_at__lte=lease_ago)
    ids = list(
        model.objects.filter(
            Q(status__in=sendable) & (never_handed_over | lost) | stuck
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if ids:
        model.objects.filter(pk__in=ids).update(enqueued_at=now)
    return ids
