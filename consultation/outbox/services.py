"""Writing outgoing email as rows, and the workers' side: claim, send, record.

A message is a row first, written in the transaction of the change that causes
it; once that commits, a task sends it (consultation/outbox/tasks.py). Every step
is guarded by the row's status, so a duplicate task or a retry does no harm, and
the periodic sweep picks up whatever a lost task or a dead worker left behind.
A worker killed after the mail server accepted a message but before the row says
"sent" sends it once more after the lease: at most one repeat per message then,
with the same Message-ID.
"""

import contextlib
import logging
import smtplib
import uuid
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerError

from consultation.celery import task
from consultation.delivery_sweep import hand_over_due

from .enums import SENDABLE, MailStatus
from .models import OutgoingMail
from .signals import mail_status_changed

logger = logging.getLogger(__name__)

# Messages per send task: one SMTP connection carries a batch.
BATCH_SIZE = 50
# Messages the sweep hands to the workers at most per run.
SWEEP_LIMIT = 5000


def queue_mail(
    *,
    to: str,
    kind: str,
    subject: str,
    text_body: str,
    html_body: str = "",
    calendar: str = "",
    meeting=None,
    registration=None,
    delegation=None,
) -> OutgoingMail:
    """Write one message to the outbox; a worker sends it once the caller commits.

    Side effects: writes one OutgoingMail (queued); after commit, puts one send
    task on the broker (or, if the broker cannot be reached, leaves the row to
    the sweep).
    """
    (mail,) = queue_mails(
        [
            OutgoingMail(
                to=to,
                kind=kind,
                subject=subject,
                text_body=text_body,
                html_body=html_body,
                calendar=calendar,
                meeting=meeting,
                registration=registration,
                delegation=delegation,
            )
        ]
    )
    return mail


def queue_mails(mails: list[OutgoingMail]) -> list[OutgoingMail]:
    """Write unsaved OutgoingMail rows in one statement and send them after commit.

    Fills in what the caller need not: sender, language, Message-ID, times.
    Side effects: writes the rows (queued); after commit, one send task per
    BATCH_SIZE messages (see queue_mail).
    """
    now = timezone.now()
    for mail in mails:
        mail.from_email = mail.from_email or settings.DEFAULT_FROM_EMAIL
        mail.language = mail.language or translation.get_language() or "en"
        mail.message_id = mail.message_id or _new_message_id()
        mail.status = MailStatus.QUEUED
        mail.next_attempt_at = now
        mail.enqueued_at = now
    created = OutgoingMail.objects.bulk_create(mails)
    ids = [mail.pk for mail in created]
    transaction.on_commit(lambda: enqueue(ids))
    return created


def enqueue(mail_ids: list[int], *, countdown: float = 0) -> None:
    """Put send tasks for the messages on the broker, BATCH_SIZE a task.

    Side effects: publishes tasks. A broker that cannot be reached is logged and
    the rows are marked as never handed over, so the next sweep hands them over.
    """
    send_mails = task("consultation.outbox.tasks.send_mails")
    for start in range(0, len(mail_ids), BATCH_SIZE):
        batch = mail_ids[start : start + BATCH_SIZE]
        try:
            send_mails.apply_async((batch,), countdown=countdown or None)
        except (BrokerError, OSError) as error:
            logger.warning(
                "Could not hand %d email(s) to the workers, the sweep will: %s",
                len(batch),
                error,
            )
            OutgoingMail.objects.filter(pk__in=batch).update(enqueued_at=None)


def resend_mail(mail: OutgoingMail) -> OutgoingMail | None:
    """Send a message again: a sent one as a new copy, a failed one as itself.

    Returns the row that will be sent, or None for one already on its way
    (queued or sending). Side effects: writes a copy (for a sent message) or
    puts the failed row back in the queue with its attempts reset; after
    commit, a send task.
    """
    if mail.status in (MailStatus.QUEUED, MailStatus.SENDING):
        return None
    if mail.status == MailStatus.SENT:
        (copy,) = queue_mails(
            [
                OutgoingMail(
                    to=mail.to,
                    kind=mail.kind,
                    language=mail.language,
                    subject=mail.subject,
                    text_body=mail.text_body,
                    html_body=mail.html_body,
                    meeting_id=mail.meeting_id,
                    registration_id=mail.registration_id,
                    delegation_id=mail.delegation_id,
                )
            ]
        )
        return copy
    now = timezone.now()
    with transaction.atomic():
        OutgoingMail.objects.filter(pk=mail.pk, status=mail.status).update(
            status=MailStatus.QUEUED,
            attempts=0,
            next_attempt_at=now,
            enqueued_at=now,
            claimed_at=None,
        )
        mail.refresh_from_db()
        mail_status_changed.send(sender=OutgoingMail, mail=mail)
        transaction.on_commit(lambda: enqueue([mail.pk]))
    return mail


def send_queued_mails(mail_ids: list[int]) -> dict[str, int]:
    """Send each of the messages that is due and not taken by another worker.

    Returns how many were sent, failed (to be tried again), given up and skipped
    (not due, already sent, or claimed elsewhere). Side effects: per message,
    claims the row, talks to the mail server, records the outcome (and sends
    mail_status_changed); schedules the next attempt of a temporary failure.
    """
    counts = dict.fromkeys(["sent", "failed", "given_up", "skipped"], 0)
    connection = None
    try:
        for mail_id in mail_ids:
            mail = _claim(mail_id)
            if mail is None:
                counts["skipped"] += 1
                continue
            try:
                if connection is None:
                    connection = get_connection(fail_silently=False)
                    connection.open()
                message_of(mail, connection=connection).send()
            except Exception as error:  # The mail server's answer decides what next.
                counts[_record_failure(mail, error)] += 1
                connection = _close(connection)
            else:
                _record_sent(mail)
                counts["sent"] += 1
    finally:
        _close(connection)
    return counts


def sweep() -> list[int]:
    """Hand to the workers every message a lost task or a dead worker left behind.

    That is: queued or failed messages that are due but were never handed over
    (the broker was down) or were handed over more than a lease ago and not
    taken, and messages left "sending" for more than a lease (the worker died
    mid-send). Returns their ids. Side effects: gives up messages that used all
    their attempts that way; stamps the others as handed over; publishes tasks.
    """
    ids = hand_over_due(
        OutgoingMail,
        sendable=SENDABLE,
        lease_seconds=settings.OUTBOX_LEASE_SECONDS,
        max_attempts=settings.OUTBOX_MAX_ATTEMPTS,
        limit=SWEEP_LIMIT,
    )
    if ids:
        logger.info("Outbox sweep hands %d email(s) to the workers", len(ids))
        enqueue(ids)
    return ids


def retry_delay(attempts: int) -> float:
    """Seconds to wait after the given number of failed attempts (doubling)."""
    return min(
        settings.OUTBOX_RETRY_DELAY * 2 ** max(attempts - 1, 0),
        settings.OUTBOX_RETRY_MAX_DELAY,
    )


def _new_message_id() -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]
    return f"<{uuid.uuid4().hex}@{domain or 'localhost'}>"


def _claim(mail_id) -> OutgoingMail | None:
    """Take the message for this worker in one statement, if it is free and due."""
    now = timezone.now()
    lease_ago = now - timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    claimed = (
        OutgoingMail.objects.filter(pk=mail_id)
        .filter(
            Q(status__in=SENDABLE, next_attempt_at__lte=now)
            | Q(status=MailStatus.SENDING, claimed_at__lte=lease_ago)
        )
        .update(status=MailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return None
    return OutgoingMail.objects.get(pk=mail_id)


def message_of(mail: OutgoingMail, *, connection=None) -> EmailMultiAlternatives:
    """The email a row stands for: the one place a message is put together."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text_body,
        from_email=mail.from_email,
        to=[mail.to],
        connection=connection,
        # A preview (an unsaved row) has no Message-ID yet: the mail server's.
        headers={"Message-ID": mail.message_id} if mail.message_id else None,
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    if mail.calendar:
        message.attach("invitation.ics", mail.calendar, "text/calendar")
    return message


def _record_sent(mail: OutgoingMail) -> None:
    with transaction.atomic():
        mail.status = MailStatus.SENT
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["status", "sent_at", "last_error"])
        mail_status_changed.send(sender=OutgoingMail, mail=mail)


def _record_failure(mail: OutgoingMail, error: Exception) -> str:
    """Mark the message failed (to retry) or given up; return which."""
    description = f"{type(error).__name__}: {error}"[:2000]
    permanent = _is_permanent(error)
    logger.warning(
        "Email %s to %s, attempt %d, failed%s: %s",
        mail.pk,
        mail.to,
        mail.attempts,
        " for good" if permanent else "",
        description,
    )
    give_up = permanent or mail.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    delay = retry_delay(mail.attempts)
    with transaction.atomic():
        mail.status = MailStatus.GIVEN_UP if give_up else MailStatus.FAILED
        mail.last_error = description
        mail.claimed_at = None
        fields = ["status", "last_error", "claimed_at"]
        if not give_up:
            mail.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            mail.enqueued_at = timezone.now()
            fields += ["next_attempt_at", "enqueued_at"]
        mail.save(update_fields=fields)
        mail_status_changed.send(sender=OutgoingMail, mail=mail)
    if give_up:
        return "given_up"
    enqueue([mail.pk], countdown=delay)
    return "failed"


def _is_permanent(error: Exception) -> bool:
    """A refusal of this message or address (5xx), not of the server or our login.

    Everything else (4xx, a server that is down, slow or hangs up) is temporary.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    return False


def _close(connection):
    if connection is not None:
        # A connection that broke mid-message may fail to close; it is dropped.
        with contextlib.suppress(Exception):
            connection.close()
    return None
