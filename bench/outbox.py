"""Benchmark: an announcement to many registrations through the outbox and workers.

Usage: .venv/bin/python bench/outbox.py. Seeds a meeting with BENCH_RECIPIENTS
(10,000) approved registrations into BENCH_DATABASE_URL (default
consultation_bench_outbox, created if missing), starts a local SMTP sink (aiosmtpd)
and BENCH_WORKERS Celery worker processes (1, concurrency 1) on the broker
CELERY_BROKER_URL (default redis://127.0.0.1:6379/15), sends the announcement
through the admin action and prints: the time of the admin request, messages per
second per worker process, and the time until the last message arrived. The
admin request is the organiser's second one (the first loads the admin's code and
templates, as a server that has been up has). BENCH_DELIVERY=0 measures the admin
request only: no workers, no waiting for the mail. A script that prints numbers,
not a test.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/consultation_bench_outbox",
)
BROKER = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
RECIPIENTS = int(os.environ.get("BENCH_RECIPIENTS", "10000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
DELIVERY = os.environ.get("BENCH_DELIVERY", "1") != "0"

os.environ.update(
    DATABASE_URL=DATABASE_URL,
    CELERY_BROKER_URL=BROKER,
    DJANGO_SETTINGS_MODULE="consultation.settings",
)


def create_database():
    admin_url, name = DATABASE_URL.rsplit("/", 1)
    connection = psycopg2.connect(admin_url + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS " + name)
        cursor.execute("CREATE DATABASE " + name)
    connection.close()


def announce(client, people):
    """Send the announcement to all through the admin action; its time in seconds."""
    from django.urls import reverse

    started = time.monotonic()
    client.post(
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
    request_time = time.monotonic() - started
    print(f"admin request: {request_time * 1000:.0f} ms", file=sys.stderr)
    return request_time


def main():
    create_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from consultation.celery import app
    from delegates.enums import RegistrationStatus
    from delegates.models import Registration
    from tests.factories import MeetingFactory, RegistrationFactory, UserFactory
    from tests.smtp import SMTPServer

    call_command("migrate", verbosity=0)
    app.control.purge()
    meeting = MeetingFactory()
    people = Registration.objects.bulk_create(
        RegistrationFactory.build_batch(
            RECIPIENTS, meeting=meeting, status=RegistrationStatus.APPROVED
        ),
        batch_size=2000,
    )
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.get(reverse("admin:delegates_registration_changelist"))
    if not DELIVERY:
        request_time = announce(client, people)
        app.control.purge()  # the delivery task nobody will run
        print(f"| recipients | {RECIPIENTS} |")
        print(f"| admin request | {request_time * 1000:.0f} ms |")
        return
    sink = SMTPServer()
    sink.start()
    env = {**os.environ, "EMAIL_URL": sink.url}
    workers = [
        subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "consultation",
                "worker",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(WORKERS)
    ]
    time.sleep(5)  # the workers start
    started = time.monotonic()
    request_time = announce(client, people)
    sink.wait_for(1, timeout=600)
    first = time.monotonic() - started
    sink.wait_for(RECIPIENTS, timeout=3600)
    last = time.monotonic() - started
    for worker in workers:
        worker.terminate()
        worker.wait()
    sink.stop()
    sending = last - first
    print(f"| recipients | {RECIPIENTS} |")
    print(f"| worker processes | {WORKERS} |")
    print(f"| admin request | {request_time * 1000:.0f} ms |")
    print(f"| first message arrived | {first:.1f} s |")
    print(f"| last message arrived | {last:.1f} s |")
    print(f"| messages per second per worker | {RECIPIENTS / sending / WORKERS:.0f} |")
    print(f"| received | {len(sink.received)} |")


if __name__ == "__main__":
    main()
