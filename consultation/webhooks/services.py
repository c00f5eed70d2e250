"""Webhooks as rows, and the workers' side: claim, POST, record, give up, turn off.

An event is written as one WebhookDelivery per endpoint that wants it, in the
transaction of the change that causes it (`emit`); once that commits, a task
POSTs it (consultation/webhooks/tasks.py). As in the outbox, every step is
guarded by the row's status, so a duplicate task or a retry does no harm, and the
periodic sweep picks up what a lost task or a dead worker left behind. A worker
killed after the receiver answered but before the row says "delivered" sends it
once more after the lease, under the same Webhook-Id.
"""

import http.client
import json
import logging
import socket
import ssl
import time
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError

from consultation.celery import task
from consultation.delivery_sweep import hand_over_due
from consultation.emails import queue_email

from . import signing
from .addresses import Target, UnsafeAddress, resolve
from .enums import SENDABLE, DeliveryStatus
from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

# Deliveries per task.
BATCH_SIZE = 20
# Deliveries the sweep hands to the workers at most per run.
SWEEP_LIMIT = 5000
# How much of a receiver's answer is read and kept in the log.
RESPONSE_EXCERPT_BYTES = 2000


def emit(*, meeting, event, data: dict, personal_data: dict | None = None):
    """Write the event for each active endpoint of the meeting that wants it.

    Call it inside the transaction of the change: a change rolled back sends
    nothing. ``data`` describes the object without personal data; the endpoints
    allowed it (include_personal_data) get ``personal_data`` merged in.
    Side effects: one WebhookDelivery (queued) per endpoint; after commit,
    delivery tasks on the broker (or, if it cannot be reached, the sweep's).
    Returns the deliveries written.
    """
    # A meeting has a few endpoints: their events are read here, not matched
    # by a JSON containment lookup, which SQLite (`make run`) has not.
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(meeting=meeting, is_active=True)
        if event in endpoint.events
    ]
    now = timezone.now()
    deliveries = []
    for endpoint in endpoints:
        delivery = WebhookDelivery(
            endpoint=endpoint,
            event=event,
            next_attempt_at=now,
            enqueued_at=now,
        )
        payload_data = dict(data)
        if endpoint.include_personal_data and personal_data:
            payload_data.update(personal_data)
        delivery.body = json.dumps(
            {
                "id": str(delivery.webhook_id),
                "event": str(event),
                "timestamp": now,
                "meeting": meeting.slug,
                "data": payload_data,
            },
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
            sort_keys=True,
        )
        deliveries.append(delivery)
    if not deliveries:
        return []
    created = WebhookDelivery.objects.bulk_create(deliveries)
    ids = [delivery.pk for delivery in created]
    transaction.on_commit(lambda: enqueue(ids))
    return created


def enqueue(delivery_ids: list[int], *, countdown: float = 0) -> None:
    """Put delivery tasks on the broker, BATCH_SIZE a task.

    Side effects: publishes tasks. A broker that cannot be reached is logged and
    the rows are marked as never handed over, so the next sweep hands them over.
    """
    deliver = task("consultation.webhooks.tasks.deliver_webhooks")
    for start in range(0, len(delivery_ids), BATCH_SIZE):
        batch = delivery_ids[start : start + BATCH_SIZE]
        try:
            deliver.apply_async((batch,), countdown=countdown or None)
        except (BrokerError, OSError) as error:
            logger.warning(
                "Could not hand %d webhook(s) to the workers, the sweep will: %s",
                len(batch),
                error,
            )
            WebhookDelivery.objects.filter(pk__in=batch).update(enqueued_at=None)


def deliver_due(delivery_ids: list[int]) -> dict[str, int]:
    """POST each of the deliveries that is due and not taken by another worker.

    Returns how many were delivered, failed (to be tried again), given up and
    skipped (not due, done, or claimed elsewhere). Side effects: per delivery,
    claims the row, POSTs it, writes a WebhookAttempt and the outcome; counts
    the endpoint's failures in a row and turns it off past
    WEBHOOKS_DISABLE_AFTER_FAILURES, emailing the organisers (outbox).
    """
    counts = dict.fromkeys(["delivered", "failed", "given_up", "skipped"], 0)
    for delivery_id in delivery_ids:
        delivery = _claim(delivery_id)
        if delivery is None:
            counts["skipped"] += 1
            continue
        counts[_deliver(delivery)] += 1
    return counts


def sweep() -> list[int]:
    """Hand to the workers every delivery a lost task or a dead worker left behind.

    Like the outbox's sweep: due deliveries never handed over, or handed over a
    lease ago and not taken, and deliveries left "sending" past a lease. Returns
    their ids. Side effects: gives up those stuck on their last attempt; stamps
    the others as handed over; publishes tasks.
    """
    ids = hand_over_due(
        WebhookDelivery,
        sendable=SENDABLE,
        lease_seconds=settings.WEBHOOKS_LEASE_SECONDS,
        max_attempts=settings.WEBHOOKS_MAX_ATTEMPTS,
        limit=SWEEP_LIMIT,
    )
    if ids:
        logger.info("Webhook sweep hands %d delivery(ies) to the workers", len(ids))
        enqueue(ids)
    return ids


def resend_delivery(delivery: WebhookDelivery) -> bool:
    """Send a delivery again, as itself: same Webhook-Id and body, fresh attempts.

    Returns False for one already on its way (queued or sending). Side effects:
    puts the row back in the queue; after commit, a delivery task.
    """
    if delivery.status in (DeliveryStatus.QUEUED, DeliveryStatus.SENDING):
        return False
    now = timezone.now()
    with transaction.atomic():
        updated = WebhookDelivery.objects.filter(
            pk=delivery.pk, status=delivery.status
        ).update(
            status=DeliveryStatus.QUEUED,
            attempts=0,
            next_attempt_at=now,
            enqueued_at=now,
            claimed_at=None,
            delivered_at=None,
        )
        if updated:
            transaction.on_commit(lambda: enqueue([delivery.pk]))
    delivery.refresh_from_db()
    return bool(updated)


def reactivate_endpoint(endpoint: WebhookEndpoint) -> None:
    """Clear the failure count of an endpoint an organiser turns on again.

    Side effects: none on the database; the caller saves the endpoint.
    """
    endpoint.consecutive_failures = 0
    endpoint.disabled_at = None


def retry_delay(attempts: int) -> float:
    """Seconds to wait after the given number of failed attempts (doubling)."""
    return min(
        settings.WEBHOOKS_RETRY_DELAY * 2 ** max(attempts - 1, 0),
        settings.WEBHOOKS_RETRY_MAX_DELAY,
    )


def _claim(delivery_id) -> WebhookDelivery | None:
    """Take the delivery for this worker in one statement, if it is free and due."""
    now = timezone.now()
    lease_ago = now - timedelta(seconds=settings.WEBHOOKS_LEASE_SECONDS)
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery_id)
        .filter(
            Q(status__in=SENDABLE, next_attempt_at__lte=now)
            | Q(status=DeliveryStatus.SENDING, claimed_at__lte=lease_ago)
        )
        .update(
            status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("endpoint__meeting").get(
        pk=delivery_id
    )


def _deliver(delivery: WebhookDelivery) -> str:
    """POST one claimed delivery and record the outcome; return which it was."""
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        return _record_failure(
            delivery, error="The endpoint is turned off.", permanent=True, count=False
        )
    try:
        target = resolve(endpoint.url)
    except UnsafeAddress as error:
        return _record_failure(delivery, error=str(error), permanent=True)
    body = delivery.body.encode()
    headers = signing.headers(
        webhook_id=str(delivery.webhook_id),
        event=delivery.event,
        secret=endpoint.secret,
        timestamp=int(time.time()),
        body=body,
    )
    started_at = timezone.now()
    started = time.monotonic()
    status_code, excerpt, error = None, "", ""
    try:
        status_code, excerpt, location = post(target, headers=headers, body=body)
    except (OSError, http.client.HTTPException, ssl.SSLError) as failure:
        error = f"{type(failure).__name__}: {failure}"[:2000] or type(failure).__name__
    else:
        if 300 <= status_code < 400:
            error = f"Redirect to {location or '(no Location)'}: not followed."
        elif not 200 <= status_code < 300:
            error = f"The receiver answered {status_code}."
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        started_at=started_at,
        duration_ms=round((time.monotonic() - started) * 1000),
        status_code=status_code,
        response_excerpt=excerpt,
        error=error,
    )
    if error:
        return _record_failure(delivery, error=error, status_code=status_code)
    _record_delivered(delivery, status_code=status_code)
    return "delivered"


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to the address the guard checked, whatever the name resolves to now."""

    def __init__(self, target: Target, *, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self.checked_address = target.address

    def connect(self):
        self.sock = socket.create_connection(
            (self.checked_address, self.port), self.timeout
        )


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address; the certificate is verified for the host name."""

    def __init__(self, target: Target, *, timeout: float, context):
        super().__init__(target.host, target.port, timeout=timeout, context=context)
        self.checked_address = target.address

    def connect(self):
        sock = socket.create_connection((self.checked_address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(target: Target, *, headers: dict, body: bytes) -> tuple[int, str, str]:
    """POST the body to the target's checked address; never follows a redirect.

    Returns the status code, the beginning of the answer and its Location.
    Raises OSError (refused, timed out after WEBHOOKS_TIMEOUT_SECONDS) or an
    http.client / ssl error.
    """
    timeout = settings.WEBHOOKS_TIMEOUT_SECONDS
    if target.scheme == "https":
        context = ssl.create_default_context(cafile=settings.WEBHOOKS_CA_BUNDLE or None)
        connection = _PinnedHTTPSConnection(target, timeout=timeout, context=context)
    else:
        connection = _PinnedHTTPConnection(target, timeout=timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(RESPONSE_EXCERPT_BYTES).decode("utf-8", "replace")
        return response.status, excerpt, response.getheader("Location", "")
    finally:
        connection.close()


def _record_delivered(delivery: WebhookDelivery, *, status_code: int) -> None:
    with transaction.atomic():
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.last_status_code = status_code
        delivery.last_error = ""
        delivery.claimed_at = None
        delivery.save(
            update_fields=[
                "status",
                "delivered_at",
                "last_status_code",
                "last_error",
                "claimed_at",
            ]
        )
        WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(
            consecutive_failures=0
        )


def _record_failure(
    delivery: WebhookDelivery,
    *,
    error: str,
    status_code: int | None = None,
    permanent: bool = False,
    count: bool = True,
) -> str:
    """Mark the delivery failed (to retry) or given up; count it against the endpoint.

    Returns "failed" or "given_up".
    """
    logger.warning(
        "Webhook %s to %s, attempt %d, failed%s: %s",
        delivery.webhook_id,
        delivery.endpoint.url,
        delivery.attempts,
        " for good" if permanent else "",
        error,
    )
    give_up = permanent or delivery.attempts >= settings.WEBHOOKS_MAX_ATTEMPTS
    delay = retry_delay(delivery.attempts)
    with transaction.atomic():
        delivery.status = DeliveryStatus.GIVEN_UP if give_up else DeliveryStatus.FAILED
        delivery.last_error = error
        delivery.last_status_code = status_code
        delivery.claimed_at = None
        fields = ["status", "last_error", "last_status_code", "claimed_at"]
        if not give_up:
            delivery.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            delivery.enqueued_at = timezone.now()
            fields += ["next_attempt_at", "enqueued_at"]
        delivery.save(update_fields=fields)
        if count:
            _count_failure(delivery.endpoint)
    if give_up:
        return "given_up"
    enqueue([delivery.pk], countdown=delay)
    return "failed"


def _count_failure(endpoint: WebhookEndpoint) -> None:
    """Add a failure to the endpoint's row; turn it off once, past the limit."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    turned_off = WebhookEndpoint.objects.filter(
        pk=endpoint.pk,
        is_active=True,
        consecutive_failures__gte=settings.WEBHOOKS_DISABLE_AFTER_FAILURES,
    ).update(is_active=False, disabled_at=timezone.now())
    if turned_off:
        endpoint.refresh_from_db()
        logger.warning("Webhook endpoint %s turned off after failures", endpoint.url)
        _tell_organisers_endpoint_off(endpoint)


def _tell_organisers_endpoint_off(endpoint: WebhookEndpoint) -> None:
    """Email the meeting's secretariat and the endpoint's creator (outbox)."""
    meeting = endpoint.meeting
    recipients = [meeting.secretariat_email]
    if endpoint.created_by is not None:
        recipients.append(endpoint.created_by.email)
    admin_url = settings.SITE_URL + reverse(
        "admin:webhooks_webhookendpoint_change", args=[endpoint.pk]
    )
    for to in dict.fromkeys(address for address in recipients if address):
        queue_email(
            to=to,
            kind="webhook endpoint off",
            subject=_("Webhook endpoint “%(name)s” turned off")
            % {"name": endpoint.name},
            template="webhooks/email/endpoint_disabled",
            context={"endpoint": endpoint, "meeting": meeting, "admin_url": admin_url},
            meeting=meeting,
        )
