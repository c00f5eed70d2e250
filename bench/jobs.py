"""Benchmark: badges for 4,000 approved delegates and an Excel export of 10,000
registrations, each made by a worker as a job started from the admin.

Usage: .venv/bin/python bench/jobs.py. Seeds BENCH_REGISTRATIONS (10,000)
registrations, BENCH_BADGES (4,000) of them approved with a badge photo, into
BENCH_DATABASE_URL (default consultation_bench_jobs, created afresh), starts one
Celery worker process (concurrency 1) on CELERY_BROKER_URL (default
redis://127.0.0.1:6379/15) and prints, for each job: the admin request's time,
the time until the file was ready, the file's size, and the peak memory of the
worker process that made it (VmHWM, and its memory before the job). A script that
prints numbers, not a test.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/consultation_bench_jobs"
)
BROKER = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
REGISTRATIONS = int(os.environ.get("BENCH_REGISTRATIONS", "10000"))
BADGES = int(os.environ.get("BENCH_BADGES", "4000"))
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-jobs-private-")

os.environ.update(
    DATABASE_URL=DATABASE_URL,
    CELERY_BROKER_URL=BROKER,
    DJANGO_SETTINGS_MODULE="consultation.settings",
    PRIVATE_MEDIA_ROOT=PRIVATE_MEDIA_ROOT,
)


def create_database():
    admin_url, name = DATABASE_URL.rsplit("/", 1)
    connection = psycopg2.connect(admin_url + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS " + name)
        cursor.execute("CREATE DATABASE " + name)
    connection.close()


def memory_kib(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


class Worker:
    """One worker process (the main process and its single pool child)."""

    def __init__(self):
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter
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
            env=os.environ,
        )
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        seen, stable_since = None, time.monotonic()
        while not seen or time.monotonic() - stable_since < 5:  # the pool is up
            now = children.read_text().split()
            if now != seen:
                seen, stable_since = now, time.monotonic()
            time.sleep(0.5)
        (self.child,) = map(int, seen)
        self.rss_before_kib = memory_kib(self.child, "VmRSS")

    def peak_kib(self):
        return memory_kib(self.child, "VmHWM")

    def stop(self):
        self.process.terminate()
        self.process.wait()


def timed_job(start_request):
    """Start a job with the admin request; wait for its file. Times and memory."""
    from consultation.jobs.models import Job

    worker = Worker()
    try:
        started = time.monotonic()
        response = start_request()
        request_time = time.monotonic() - started
        job_pk = int(response["Location"].rstrip("/").rsplit("/", 1)[-1])
        while Job.objects.filter(pk=job_pk, status__in=["queued", "running"]).exists():
            time.sleep(0.1)
        ready = time.monotonic() - started
        job = Job.objects.get(pk=job_pk)
        assert job.status == "done", job.error
        result = {
            "request": request_time,
            "ready": ready,
            "rows": job.total,
            "size_mib": job.result.size / 2**20,
            "peak_mib": worker.peak_kib() / 1024,
            "before_mib": worker.rss_before_kib / 1024,
        }
    finally:
        worker.stop()
    return result


def main():
    create_database()
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from consultation.celery import app
    from consultation.uploads import private_storage
    from delegates.enums import RegistrationStatus
    from delegates.models import Registration
    from tests.factories import MeetingFactory, RegistrationFactory, UserFactory
    from tests.images import image_bytes

    call_command("migrate", verbosity=0)
    app.control.purge()
    meeting = MeetingFactory()
    photo = private_storage().save(
        "photos/bench.jpg", ContentFile(image_bytes(size=(600, 750)))
    )
    Registration.objects.bulk_create(
        [
            *RegistrationFactory.build_batch(
                BADGES, meeting=meeting, status=RegistrationStatus.APPROVED, photo=photo
            ),
            *RegistrationFactory.build_batch(REGISTRATIONS - BADGES, meeting=meeting),
        ],
        batch_size=2000,
    )
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = reverse("admin:delegates_registration_changelist")

    print("| job | rows | admin request | file ready | file | worker before | peak |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    export = timed_job(
        lambda: client.get(
            reverse("admin:delegates_registration_export", args=["xlsx"])
        )
    )
    print_row("Excel export", export)
    badges = timed_job(
        lambda: client.post(
            changelist + "?status__exact=approved",
            {
                "action": "print_badges_a4",
                "select_across": "1",
                "index": "0",
                "_selected_action": [Registration.objects.first().pk],
            },
        )
    )
    print_row("badges, A4, with photos", badges)


def print_row(name, result):
    print(
        f"| {name} | {result['rows']:,} | {result['request'] * 1000:.0f} ms "
        f"| {result['ready']:.1f} s | {result['size_mib']:.1f} MiB "
        f"| {result['before_mib']:.0f} MiB | {result['peak_mib']:.0f} MiB |",
        flush=True,
    )


if __name__ == "__main__":
    main()
