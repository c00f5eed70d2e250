import datetime
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from consultation.outbox.enums import MailStatus
from consultation.outbox.models import OutgoingMail
from consultation.outbox.services import (
    queue_mail,
    resend_mail,
    retry_delay,
    send_queued_mails,
    sweep,
)
from tests.smtp import message_ids

pytestmark = pytest.mark.django_db


def a_mail(**fields):
    return queue_mail(
        to=fields.pop("to", "budi@example.org"),
        kind="approved",
        subject="Registration approved",
        text_body="Dear Mr Budi Santoso,",
        html_body="<p>Dear Mr Budi Santoso,</p>",
        **fields,
    )


def due_again(mail):
    OutgoingMail.objects.filter(pk=mail.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_a_queued_mail_is_sent_after_commit_with_its_message_id(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail = a_mail()
        assert smtp_server.received == []

    (received,) = smtp_server.wait_for(1)
    mail.refresh_from_db()
    assert received["Message-ID"] == mail.message_id
    assert received["To"] == "budi@example.org"
    assert received["Subject"] == "Registration approved"
    assert [part.get_content_type() for part in received.walk()][1:] == [
        "text/plain",
        "text/html",
    ]
    assert mail.status == MailStatus.SENT
    assert mail.attempts == 1
    assert mail.sent_at is not None


def test_a_change_rolled_back_writes_and_sends_no_mail(
    smtp_server, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        a_mail()
        raise RuntimeError("the change failed")

    assert not OutgoingMail.objects.exists()
    assert smtp_server.received == []


def test_mail_server_down_leaves_the_mail_failed_for_a_retry_with_back_off(
    smtp_server, settings
):
    smtp_server.stop()
    mail = a_mail()
    before = timezone.now()

    counts = send_queued_mails([mail.pk])

    mail.refresh_from_db()
    assert counts["failed"] == 1
    assert mail.status == MailStatus.FAILED
    assert mail.attempts == 1
    assert "ConnectionRefusedError" in mail.last_error
    wait = (mail.next_attempt_at - before).total_seconds()
    assert settings.OUTBOX_RETRY_DELAY <= wait < settings.OUTBOX_RETRY_DELAY + 5


def test_mail_server_back_delivers_the_failed_mail_exactly_once(smtp_server):
    smtp_server.stop()
    mail = a_mail()
    send_queued_mails([mail.pk])
    smtp_server.start()

    early = send_queued_mails([mail.pk])
    due_again(mail)
    later = send_queued_mails([mail.pk])
    again = send_queued_mails([mail.pk])

    mail.refresh_from_db()
    assert early["skipped"] == 1
    assert later["sent"] == 1
    assert again["skipped"] == 1
    assert message_ids(smtp_server.received) == [mail.message_id]
    assert mail.status == MailStatus.SENT
    assert mail.attempts == 2
    assert mail.last_error == ""


def test_retry_delays_double_from_30_seconds_up_to_two_hours():
    delays = [retry_delay(attempts) for attempts in range(1, 13)]

    assert delays[:4] == [30, 60, 120, 240]
    assert delays[-1] == 2 * 60 * 60
    assert sum(delays) > 6 * 60 * 60


def test_4xx_answer_is_retried_and_then_delivered(smtp_server):
    smtp_server.faults.temporary_failures = 1
    mail = a_mail()

    first = send_queued_mails([mail.pk])
    mail.refresh_from_db()
    status_after_first, error_after_first = mail.status, mail.last_error
    due_again(mail)
    second = send_queued_mails([mail.pk])

    mail.refresh_from_db()
    assert first["failed"] == 1
    assert status_after_first == MailStatus.FAILED
    assert "451" in error_after_first
    assert second["sent"] == 1
    assert message_ids(smtp_server.received) == [mail.message_id]
    assert mail.status == MailStatus.SENT


def test_5xx_for_one_recipient_gives_that_one_up_and_sends_the_others(smtp_server):
    smtp_server.faults.refused = {"bounce@example.org"}
    first = a_mail(to="a@example.org")
    refused = a_mail(to="bounce@example.org")
    last = a_mail(to="z@example.org")

    counts = send_queued_mails([first.pk, refused.pk, last.pk])

    refused.refresh_from_db()
    assert counts == {"sent": 2, "failed": 0, "given_up": 1, "skipped": 0}
    assert sorted(message["To"] for message in smtp_server.received) == [
        "a@example.org",
        "z@example.org",
    ]
    assert refused.status == MailStatus.GIVEN_UP
    assert "SMTPRecipientsRefused" in refused.last_error
    assert "No such user" in refused.last_error


def test_connection_dropped_mid_message_is_retried_and_delivered_once(smtp_server):
    smtp_server.faults.drops = 1
    mail = a_mail()

    first = send_queued_mails([mail.pk])
    mail.refresh_from_db()
    error_after_first = mail.last_error
    due_again(mail)
    second = send_queued_mails([mail.pk])

    assert first["failed"] == 1
    assert "SMTPServerDisconnected" in error_after_first
    assert second["sent"] == 1
    assert message_ids(smtp_server.received) == [mail.message_id]


def test_slow_server_past_the_timeout_is_retried_with_the_same_message_id(
    smtp_server, settings
):
    settings.EMAIL_TIMEOUT = 0.5
    smtp_server.faults.delay = 1.5
    mail = a_mail()

    first = send_queued_mails([mail.pk])
    mail.refresh_from_db()
    error_after_first = mail.last_error
    smtp_server.wait_for(1, timeout=5)
    smtp_server.faults.delay = 0
    due_again(mail)
    second = send_queued_mails([mail.pk])

    # The slow server kept the first copy after the client stopped waiting: the
    # one repeat a timeout can cause, recognisable by its Message-ID.
    received = smtp_server.wait_for(2, timeout=5)
    assert first["failed"] == 1
    assert "timed out" in error_after_first
    assert second["sent"] == 1
    assert set(message_ids(received)) == {mail.message_id}


def test_mail_is_given_up_after_its_last_attempt(smtp_server, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    smtp_server.stop()
    mail = a_mail()

    send_queued_mails([mail.pk])
    due_again(mail)
    counts = send_queued_mails([mail.pk])

    mail.refresh_from_db()
    assert counts["given_up"] == 1
    assert mail.status == MailStatus.GIVEN_UP
    assert mail.attempts == 2
    assert "ConnectionRefusedError" in mail.last_error


def test_sweep_hands_over_lost_and_stuck_mails_only(settings):
    settings.OUTBOX_LEASE_SECONDS = 60
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    never_handed_over = a_mail(to="a@example.org")
    lost = a_mail(to="b@example.org")
    stuck = a_mail(to="c@example.org")
    on_its_way = a_mail(to="d@example.org")
    not_yet_due = a_mail(to="e@example.org")
    OutgoingMail.objects.filter(pk=never_handed_over.pk).update(enqueued_at=None)
    OutgoingMail.objects.filter(pk=lost.pk).update(
        enqueued_at=long_ago, next_attempt_at=long_ago
    )
    OutgoingMail.objects.filter(pk=stuck.pk).update(
        status=MailStatus.SENDING, claimed_at=long_ago, attempts=1
    )
    OutgoingMail.objects.filter(pk=not_yet_due.pk).update(
        status=MailStatus.FAILED,
        attempts=1,
        last_error="SMTPServerDisconnected",
        enqueued_at=long_ago,
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=1),
    )

    handed_over = sweep()

    assert sorted(handed_over) == sorted([never_handed_over.pk, lost.pk, stuck.pk])
    assert on_its_way.pk not in handed_over


def test_a_duplicate_task_sends_nothing_twice(smtp_server):
    mail = a_mail()

    send_queued_mails([mail.pk])
    send_queued_mails([mail.pk])

    assert message_ids(smtp_server.received) == [mail.message_id]


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_one_mail_send_it_once(smtp_server):
    smtp_server.stop()
    mail = a_mail()  # committed at once: its first attempt finds the server down
    smtp_server.start()
    due_again(mail)
    smtp_server.faults.delay = 0.3
    results = []
    start = threading.Barrier(2)

    def worker():
        start.wait()
        try:
            results.append(send_queued_mails([mail.pk]))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(result["sent"] for result in results) == [0, 1]
    assert message_ids(smtp_server.received) == [mail.message_id]


def test_resend_puts_a_given_up_mail_back_with_fresh_attempts(
    smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.faults.refused = {"bounce@example.org"}
    mail = a_mail(to="bounce@example.org")
    send_queued_mails([mail.pk])
    smtp_server.faults.refused = set()
    mail.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        resent = resend_mail(mail)

    resent.refresh_from_db()
    assert resent.pk == mail.pk
    assert resent.status == MailStatus.SENT
    assert resent.attempts == 1
    assert message_ids(smtp_server.received) == [mail.message_id]


def test_resend_of_a_sent_mail_sends_a_copy_under_a_new_message_id(
    smtp_server, django_capture_on_commit_callbacks
):
    mail = a_mail()
    send_queued_mails([mail.pk])
    mail.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        copy = resend_mail(mail)

    assert copy.pk != mail.pk
    assert copy.text_body == mail.text_body
    assert message_ids(smtp_server.wait_for(2)) == [mail.message_id, copy.message_id]
