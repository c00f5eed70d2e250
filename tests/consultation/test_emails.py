"""Sending email: a mail server that never answers fails the send, it does not hang."""

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from delegates.models import Registration
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Far longer than the test's EMAIL_TIMEOUT: a send still running then hangs.
HANG_GUARD_SECONDS = 30


@pytest.fixture
def silent_mail_server():
    """A local SMTP port that accepts every connection and never says a word."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held = []

    def accept():
        while True:
            try:
                connection, _address = listener.accept()
            except OSError:
                return
            held.append(connection)

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()
    listener.close()
    for connection in held:
        connection.close()


@pytest.fixture
def smtp_to(settings):
    def configure(address):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = address
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 1

    return configure


def registration_post_data():
    return {
        "honorific": "mr",
        "given_name": "Budi",
        "family_name": "Santoso",
        "job_title": "Director",
        "organisation": "Ministry of Foreign Affairs",
        "category": "member_state",
        "country": "ID",
        "email": "budi@example.org",
        "phone": "+62 21 384 8626",
        "gender": "male",
        "role": "delegate",
        "consent_privacy": "on",
    }


# Sends one email with the settings the environment gives, as a worker would.
SEND_PROBE = """
import django
django.setup()
from django.core.mail import send_mail
try:
    send_mail("Registration received", "Body", None, ["delegate@example.org"])
except Exception as error:
    print(type(error).__name__, error)
"""


def send_from_a_worker(**environment):
    """Run SEND_PROBE in a fresh process; return what it printed."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "consultation.settings",
        "DATABASE_URL": "sqlite:///:memory:",
        **environment,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", SEND_PROBE],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=True,
    )
    return result.stdout.strip()


def test_email_timeout_defaults_to_ten_seconds():
    assert settings.EMAIL_TIMEOUT == 10


def test_a_mail_server_that_never_answers_fails_the_send(silent_mail_server):
    host, port = silent_mail_server

    printed = send_from_a_worker(EMAIL_URL=f"smtp://{host}:{port}", EMAIL_TIMEOUT="1")

    assert printed == "SMTPServerDisconnected Connection unexpectedly closed: timed out"


def test_registration_answers_when_the_mail_server_never_answers(
    client, silent_mail_server, smtp_to, django_capture_on_commit_callbacks
):
    smtp_to(silent_mail_server)
    meeting = MeetingFactory()
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, registration_post_data())

    assert len(callbacks) == 1
    assert response.status_code == 302
    assert list(Registration.objects.values_list("email", flat=True)) == [
        "budi@example.org"
    ]
