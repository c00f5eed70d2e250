import datetime
import json
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from consultation.outbox.models import OutgoingMail
from consultation.webhooks.addresses import Target
from consultation.webhooks.enums import DeliveryStatus
from consultation.webhooks.models import WebhookAttempt, WebhookDelivery
from consultation.webhooks.services import (
    deliver_due,
    emit,
    post,
    resend_delivery,
    retry_delay,
    sweep,
)

pytestmark = pytest.mark.django_db


def an_event(meeting, **fields):
    deliveries = emit(
        meeting=meeting,
        event=fields.pop("event", "registration.approved"),
        data={"registration": {"id": 7, "status": "approved"}},
        personal_data={"registration": {"id": 7, "given_name": "Budi"}},
        **fields,
    )
    return deliveries


def due_again(delivery):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_an_event_is_posted_after_commit_and_logged(
    meeting, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        (delivery,) = an_event(meeting)
        assert receiver.received == []

    (request,) = receiver.received
    delivery.refresh_from_db()
    assert request.path == "/hooks/consultation"
    assert request.headers["Webhook-Id"] == str(delivery.webhook_id)
    assert request.headers["Webhook-Event"] == "registration.approved"
    assert json.loads(request.body)["data"] == {
        "registration": {"id": 7, "status": "approved"}
    }
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200
    (attempt,) = delivery.attempt_log.all()
    assert attempt.status_code == 200
    assert attempt.response_excerpt == "answered 200"
    assert attempt.error == ""


def test_only_active_endpoints_of_the_meeting_that_chose_the_event_get_it(
    meeting, endpoint, receiver
):
    from consultation.webhooks.models import WebhookEndpoint
    from tests.factories import MeetingFactory

    endpoint.events = ["check_in.created"]
    endpoint.save()
    wants_it = WebhookEndpoint.objects.create(
        meeting=meeting, name="CRM", url=receiver.url, events=["registration.approved"]
    )
    WebhookEndpoint.objects.create(
        meeting=meeting,
        name="Off",
        url=receiver.url,
        events=["registration.approved"],
        is_active=False,
    )
    WebhookEndpoint.objects.create(
        meeting=MeetingFactory(),
        name="Elsewhere",
        url=receiver.url,
        events=["registration.approved"],
    )

    deliveries = an_event(meeting)

    assert [delivery.endpoint for delivery in deliveries] == [wants_it]


def test_personal_data_goes_only_to_an_endpoint_allowed_it(meeting, endpoint):
    (without,) = an_event(meeting)
    endpoint.include_personal_data = True
    endpoint.save()
    (with_it,) = an_event(meeting)

    assert json.loads(without.body)["data"]["registration"] == {
        "id": 7,
        "status": "approved",
    }
    assert json.loads(with_it.body)["data"]["registration"]["given_name"] == "Budi"


def test_a_change_rolled_back_writes_and_posts_nothing(
    meeting, endpoint, receiver, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                an_event(meeting)
                raise RuntimeError("the change fails")
        except RuntimeError:
            pass

    assert WebhookDelivery.objects.count() == 0
    assert receiver.received == []


def test_a_500_is_retried_with_back_off_and_then_delivered_under_the_same_id(
    meeting, endpoint, receiver
):
    receiver.script.statuses = [500]
    (delivery,) = an_event(meeting)

    assert deliver_due([delivery.pk]) == {
        "delivered": 0,
        "failed": 1,
        "given_up": 0,
        "skipped": 0,
    }
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code == 500
    assert delivery.last_error == "The receiver answered 500."
    wait = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert 25 < wait <= 30
    assert deliver_due([delivery.pk])["skipped"] == 1  # not due yet

    due_again(delivery)
    assert deliver_due([delivery.pk])["delivered"] == 1

    first, second = receiver.received
    assert first.headers["Webhook-Id"] == second.headers["Webhook-Id"]
    assert first.body == second.body
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert [attempt.status_code for attempt in delivery.attempt_log.all()] == [
        200,
        500,
    ]
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0


def test_retry_delays_double_from_30_seconds_up_to_two_hours():
    assert [retry_delay(attempts) for attempts in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(20) == 2 * 60 * 60


def test_a_delivery_is_given_up_after_its_last_attempt(
    meeting, endpoint, receiver, settings
):
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    receiver.script.statuses = [503, 503, 503, 200]
    (delivery,) = an_event(meeting)

    outcomes = []
    for _attempt in range(3):
        due_again(delivery)
        outcomes.append(deliver_due([delivery.pk]))
    due_again(delivery)
    after = deliver_due([delivery.pk])

    assert [outcome["failed"] for outcome in outcomes] == [1, 1, 0]
    assert outcomes[-1]["given_up"] == 1
    assert after["skipped"] == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.GIVEN_UP
    assert delivery.attempts == 3
    assert len(receiver.received) == 3


def test_an_endpoint_is_turned_off_after_failures_in_a_row_and_its_organisers_told(
    meeting, endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 3
    receiver.script.statuses = [500] * 10
    deliveries = an_event(meeting) + an_event(meeting) + an_event(meeting)

    with django_capture_on_commit_callbacks(execute=True):
        for delivery in deliveries:
            deliver_due([delivery.pk])

    endpoint.refresh_from_db()
    assert endpoint.is_active is False
    assert endpoint.disabled_at is not None
    assert endpoint.consecutive_failures == 3
    notices = OutgoingMail.objects.filter(kind="webhook endpoint off")
    assert sorted(notices.values_list("to", flat=True)) == [
        "hooks@example.org",
        "secretariat@example.org",
    ]
    assert "Pass office" in notices[0].subject
    assert "failed 3 times in a row" in notices[0].text_body
    assert f"/admin/webhooks/webhookendpoint/{endpoint.pk}/change/" in (
        notices[0].text_body
    )
    assert len(mail.outbox) == 2
    # Later events are not written for it, and a queued one is not sent.
    assert an_event(meeting) == []
    (queued,) = emit(meeting=meeting, event="check_in.created", data={}) or [None]
    assert queued is None


def test_a_success_resets_the_count_of_failures_in_a_row(
    meeting, endpoint, receiver, settings
):
    settings.WEBHOOKS_DISABLE_AFTER_FAILURES = 3
    receiver.script.statuses = [500, 500, 200, 500, 500]
    for _event in range(5):
        (delivery,) = an_event(meeting)
        deliver_due([delivery.pk])

    endpoint.refresh_from_db()
    assert endpoint.is_active is True
    assert endpoint.consecutive_failures == 2


def test_a_delivery_queued_before_its_endpoint_was_turned_off_is_not_sent(
    meeting, endpoint, receiver
):
    (delivery,) = an_event(meeting)
    endpoint.is_active = False
    endpoint.save()

    assert deliver_due([delivery.pk])["given_up"] == 1

    delivery.refresh_from_db()
    assert delivery.last_error == "The endpoint is turned off."
    assert receiver.received == []


def test_a_redirect_is_not_followed(meeting, endpoint, receiver):
    receiver.script.redirect_to = "http://169.254.169.254/latest/meta-data/"
    (delivery,) = an_event(meeting)

    deliver_due([delivery.pk])

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code == 302
    assert delivery.last_error == (
        "Redirect to http://169.254.169.254/latest/meta-data/: not followed."
    )
    assert len(receiver.received) == 1


def test_a_receiver_slower_than_the_timeout_fails_the_attempt(
    meeting, endpoint, receiver, settings
):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 0.3
    receiver.script.delay = 1
    (delivery,) = an_event(meeting)

    deliver_due([delivery.pk])

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert "timed out" in delivery.last_error
    (attempt,) = WebhookAttempt.objects.filter(delivery=delivery)
    assert attempt.status_code is None
    assert 250 <= attempt.duration_ms < 1000


def test_a_receiver_that_is_down_fails_the_attempt(meeting, endpoint, receiver):
    receiver.stop()
    (delivery,) = an_event(meeting)

    deliver_due([delivery.pk])

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert "ConnectionRefusedError" in delivery.last_error


def test_the_request_goes_to_the_address_checked_not_to_a_name_resolved_again(
    receiver,
):
    # A host name that resolves nowhere: only the checked address is used.
    target = Target(
        scheme="http",
        host="receiver.invalid",
        port=receiver.port,
        path="/hooks?meeting=rc",
        address="127.0.0.1",
    )

    status, excerpt, _location = post(target, headers={}, body=b"{}")

    (request,) = receiver.received
    assert (status, excerpt) == (200, "answered 200")
    assert request.headers["Host"] == f"receiver.invalid:{receiver.port}"
    assert request.path == "/hooks?meeting=rc"


def test_a_duplicate_task_posts_nothing_twice(meeting, endpoint, receiver):
    (delivery,) = an_event(meeting)

    deliver_due([delivery.pk])
    deliver_due([delivery.pk])

    assert len(receiver.received) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_one_delivery_post_it_once(meeting, endpoint, receiver):
    receiver.script.statuses = [500]
    (delivery,) = an_event(meeting)  # committed at once: its first attempt fails
    due_again(delivery)
    receiver.script.delay = 0.3
    results = []
    start = threading.Barrier(2)

    def worker():
        start.wait()
        try:
            results.append(deliver_due([delivery.pk]))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(result["delivered"] for result in results) == [0, 1]
    assert sorted(result["skipped"] for result in results) == [0, 1]
    assert len(receiver.received) == 2  # the failed first attempt, and one more
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == 2


def test_sweep_hands_over_lost_and_stuck_deliveries_only(meeting, endpoint, settings):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    never_handed_over, lost, stuck, on_its_way, done = (
        an_event(meeting)[0] for _ in range(5)
    )
    WebhookDelivery.objects.filter(pk=never_handed_over.pk).update(enqueued_at=None)
    WebhookDelivery.objects.filter(pk=lost.pk).update(
        enqueued_at=long_ago, next_attempt_at=long_ago
    )
    WebhookDelivery.objects.filter(pk=stuck.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=long_ago, attempts=1
    )
    WebhookDelivery.objects.filter(pk=done.pk).update(
        status=DeliveryStatus.DELIVERED, delivered_at=long_ago, attempts=1
    )
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from consultation.celery import app

    app.conf.task_always_eager = False
    try:
        handed_over = sweep()
    finally:
        app.conf.task_always_eager = True

    assert sorted(handed_over) == sorted([never_handed_over.pk, lost.pk, stuck.pk])
    assert on_its_way.pk not in handed_over


def test_resend_sends_a_delivered_event_again_under_its_own_id(
    meeting, endpoint, receiver, django_capture_on_commit_callbacks
):
    (delivery,) = an_event(meeting)
    deliver_due([delivery.pk])
    delivery.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        assert resend_delivery(delivery) is True

    first, again = receiver.received
    assert again.headers["Webhook-Id"] == first.headers["Webhook-Id"]
    assert again.body == first.body
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 1
