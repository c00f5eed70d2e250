"""The outbox with real Celery workers (separate processes) and a real SMTP server.

Each test starts its own worker (with the periodic sweep, `--beat`) against the
test run's broker; the rows they share are committed (transactional_db).
"""

import re
import time

import pytest
import redis
import requests
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultation.celery import app
from consultation.outbox.enums import MailStatus
from consultation.outbox.models import OutgoingMail
from delegates.enums import DeliveryStatus, RegistrationStatus
from delegates.models import AnnouncementRecipient, Registration
from tests.factories import MeetingFactory, RegistrationFactory
from tests.smtp import SMTPServer, free_port, message_ids
from tests.workers import AppServer, Worker

pytestmark = pytest.mark.django_db(transaction=True)


class NoMailFromThisProcess(BaseEmailBackend):
    """The test's own process (the app) must never talk to a mail server."""

    def send_messages(self, email_messages):
        raise AssertionError("an email was sent inside the request")


@pytest.fixture
def broker(settings):
    """Tasks go to the real broker, as in production, instead of running here."""
    settings.EMAIL_BACKEND = f"{__name__}.NoMailFromThisProcess"
    app.conf.task_always_eager = False
    app.control.purge()
    yield
    app.control.purge()
    app.conf.task_always_eager = True


@pytest.fixture
def smtp():
    server = SMTPServer()
    yield server
    server.stop()


@pytest.fixture
def workers(tmp_path, smtp):
    """Start workers sending to the test's SMTP server; all stopped at the end."""
    started = []

    def start(**environment):
        worker = Worker(tmp_path, EMAIL_URL=smtp.url, **environment)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def registration_form(n):
    return {
        "honorific": "mr",
        "given_name": "Budi",
        "family_name": f"Santoso {n}",
        "job_title": "Director",
        "organisation": "Ministry of Foreign Affairs",
        "category": "member_state",
        "country": "ID",
        "email": f"budi{n}@example.org",
        "phone": "+62 21 384 8626",
        "gender": "male",
        "role": "delegate",
        "consent_privacy": "on",
    }


def wait_until(condition, *, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.1)
    connection.close()  # never keep the test database busy for the flush


def test_registration_while_the_mail_server_is_down_arrives_once_it_is_back(
    client, broker, smtp, workers
):
    meeting = MeetingFactory()
    workers()
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})

    response = client.post(url, registration_form(1), follow=True)
    mail = OutgoingMail.objects.get()
    wait_until(lambda: OutgoingMail.objects.filter(attempts__gte=2).exists())
    smtp.start()
    (received,) = smtp.wait_for(1, timeout=30)
    wait_until(lambda: OutgoingMail.objects.filter(status=MailStatus.SENT).exists())
    time.sleep(1)  # any repeat would have arrived by now (retries every <2 s)

    registration = Registration.objects.get()
    assert "your registration has been received" in response.content.decode()
    assert mail.kind == "received"
    assert mail.registration == registration
    assert received["Message-ID"] == mail.message_id
    assert registration.get_private_url() in received.get_payload(0).get_payload()
    assert len(smtp.received) == 1


# As many recipients as the issue asks for: the kill lands while both of the
# worker's processes are sending (bench/outbox.py sends 10,000).
RECIPIENTS = 2_000


def test_announcement_survives_a_killed_worker_and_arrives_once_each(
    organiser_client, broker, smtp, workers
):
    meeting = MeetingFactory()
    people = Registration.objects.bulk_create(
        RegistrationFactory.build_batch(
            RECIPIENTS, meeting=meeting, status=RegistrationStatus.APPROVED
        )
    )
    smtp.start()

    with CaptureQueriesContext(connection) as request_queries:
        response = organiser_client.post(
            reverse("admin:delegates_registration_changelist"),
            {
                "action": "send_announcement_action",
                "select_across": "1",
                "index": "0",
                "_selected_action": [people[0].pk],
                "announcement_step": "send",
                "subject_en": "Shuttle times",
                "body_en": "The shuttle leaves at 08:00.",
            },
        )
    first = workers(concurrency=2)
    smtp.wait_for(RECIPIENTS // 2, timeout=120)
    first.kill()
    delivered_before_the_kill = len(smtp.received)
    workers(concurrency=2)
    wait_until(
        lambda: (
            AnnouncementRecipient.objects.filter(status=DeliveryStatus.SENT).count()
            == RECIPIENTS
        ),
        timeout=180,
    )
    time.sleep(1)

    ids = message_ids(smtp.received)
    assert response.status_code == 302
    # The request wrote the announcement and whom it selected, and no email.
    assert len(request_queries) < 40
    assert RECIPIENTS // 2 <= delivered_before_the_kill < RECIPIENTS
    assert len(set(ids)) == RECIPIENTS
    assert {message["To"] for message in smtp.received} == {
        person.email for person in people
    }
    # A worker killed between the server's "accepted" and its own "sent" sends
    # that message again after the lease: at most one repeat per worker process.
    assert len(ids) - RECIPIENTS <= 2
    assert not OutgoingMail.objects.exclude(status=MailStatus.SENT).exists()


def forget_rate_limits():
    """The app servers count in Redis, which outlives a test run: start from none."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter("ratelimit:*"):
        client.delete(key)


def signed_up_through(app_server, meeting, data):
    """Post the public registration form to one app server as a browser would."""
    session = requests.Session()
    url = f"{app_server.url}/{meeting.slug}/register/"
    # Generous timeouts: a loaded machine answers slowly, never wrongly.
    form = session.get(url, timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    assert token, f"no registration form ({form.status_code}): {form.text[:2000]}"
    answer = session.post(
        url,
        {**data, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code in (302, 429), answer.text[:2000]
    return answer


def test_two_app_servers_share_sign_ups_and_rate_limits_with_one_worker(
    tmp_path, broker, smtp, workers
):
    meeting = MeetingFactory()
    smtp.start()
    forget_rate_limits()
    shared = {
        "REDIS_URL": settings.REDIS_URL,
        "RATE_LIMIT_REGISTRATION": "2/h",
        "EMAIL_URL": smtp.url,
    }
    first = AppServer(tmp_path, free_port(), **shared)
    second = AppServer(tmp_path, free_port(), **shared)
    workers()
    try:
        through_first = signed_up_through(first, meeting, registration_form(1))
        through_second = signed_up_through(second, meeting, registration_form(2))
        over_the_limit = signed_up_through(first, meeting, registration_form(3))
        registration = Registration.objects.get(email="budi1@example.org")
        private_page = requests.get(
            second.url + registration.get_private_url(), timeout=10
        )
    finally:
        first.stop()
        second.stop()
    received = smtp.wait_for(2, timeout=30)
    connection.close()

    assert through_first.status_code == 302
    assert through_second.status_code == 302
    assert over_the_limit.status_code == 429
    assert "Santoso 1" in private_page.text
    assert sorted(message["To"] for message in received) == [
        "budi1@example.org",
        "budi2@example.org",
    ]
