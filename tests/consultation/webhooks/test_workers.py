"""Webhooks delivered by a real Celery worker (its own process) through the broker."""

import time

import pytest
from django.db import connection

from consultation.celery import app
from consultation.webhooks.enums import DeliveryStatus
from consultation.webhooks.models import WebhookDelivery
from delegates.services import approve_registration
from tests.consultation.webhooks.test_signing import readme_verification
from tests.factories import RegistrationFactory
from tests.workers import Worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker():
    """Tasks go to the real broker, as in production, instead of running here."""
    app.conf.task_always_eager = False
    app.control.purge()
    yield
    app.control.purge()
    app.conf.task_always_eager = True


@pytest.fixture
def worker(tmp_path):
    started = Worker(
        tmp_path,
        WEBHOOKS_ALLOW_PRIVATE_ADDRESSES="true",
        WEBHOOKS_RETRY_DELAY="0.3",
        WEBHOOKS_RETRY_MAX_DELAY="2",
        WEBHOOKS_LEASE_SECONDS="3",
        WEBHOOKS_SWEEP_SECONDS="1",
    )
    yield started
    started.stop()


def wait_until(condition, *, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.1)
    connection.close()  # never keep the test database busy for the flush


def test_an_approval_reaches_the_receiver_through_a_worker_after_two_500s(
    meeting, endpoint, receiver, broker, worker
):
    receiver.script.statuses = [500, 500]
    registration = RegistrationFactory(meeting=meeting)

    approve_registration(registration, by=None)
    wait_until(
        lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.DELIVERED).exists()
    )
    time.sleep(1)  # any repeat would have arrived by now

    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 3
    assert [attempt.status_code for attempt in delivery.attempt_log.all()] == [
        200,
        500,
        500,
    ]
    assert len(receiver.received) == 3
    assert {request.headers["Webhook-Id"] for request in receiver.received} == {
        str(delivery.webhook_id)
    }
    verify_webhook = readme_verification()
    last = receiver.received[-1]
    event = verify_webhook(endpoint.secret, last.headers, last.body)
    assert event["event"] == "registration.approved"
    assert event["data"]["registration"]["id"] == registration.pk
