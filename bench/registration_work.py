"""Benchmark: the instructions one registration POST costs, counted by callgrind.

Usage: make bench-registration (or .venv/bin/python bench/registration_work.py
[posts]), after `make bench` has seeded its database (BENCH_DATABASE_URL, as in
bench/run.py); with REDIS_URL and CELERY_BROKER_URL set, rate limits and the
broker are Redis, as in production. Sends the benchmark's valid registration
form to the large meeting through Django's test client: 15 POSTs unmeasured,
then ``posts`` (20) with valgrind's instrumentation switched on around them
only. Prints the instructions per POST: the same count on every run, whatever
else the machine does, where the time a POST takes moves with a shared machine's
load. Python's own instructions only; PostgreSQL's are its own processes'. Not a
test: nothing passes or fails on it.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/consultation_bench"
)
POSTS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
WARM_UP = 15
MEETING = "bench-meeting"
FORM = {
    "honorific": "mr",
    "given_name": "Bench",
    "family_name": "Delegate",
    "job_title": "Director",
    "organisation": "Ministry of Foreign Affairs",
    "category": "member_state",
    "country": "TH",
    "gender": "female",
    "role": "delegate",
    "phone": "+6622881234",
    "consent_privacy": "on",
}


def count():
    """Run this script under callgrind and print its count per POST."""
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed: apt-get install valgrind")
    folder = tempfile.mkdtemp(prefix="bench-callgrind-")
    run = subprocess.run(  # noqa: S603 - our own fixed command
        [
            shutil.which("valgrind"),
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={folder}/callgrind.%p",
            f"--log-file={folder}/valgrind.log",
            sys.executable,
            __file__,
            str(POSTS),
        ],
        cwd=ROOT,
        env={**os.environ, "BENCH_UNDER_CALLGRIND": "1"},
        check=False,
        stdout=subprocess.DEVNULL,
    )
    if run.returncode != 0:
        raise SystemExit(f"The measured run failed (valgrind's log: {folder}).")
    totals = [
        int(line.split()[1])
        for name in glob.glob(f"{folder}/callgrind.*")
        for line in Path(name).read_text().splitlines()
        if line.startswith("totals:")
    ]
    shutil.rmtree(folder)
    print(f"{max(totals) / POSTS / 1e6:.1f} M instructions per registration POST")


def post_under_callgrind():
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="consultation.settings",
        DATABASE_URL=DATABASE_URL,
        DEBUG="false",
        HTTPS="false",
        SECRET_KEY="bench-registration-work-" + "x" * 40,
        ALLOWED_HOSTS="testserver",
        EMAIL_URL="dummymail://",
        RATE_LIMIT_REGISTRATION="100000000/m",
    )
    import django

    django.setup()
    from django.test import Client

    from consultation.models import Meeting

    if not Meeting.objects.filter(slug=MEETING).exists():
        raise SystemExit(f"No {MEETING} in {DATABASE_URL}: run `make bench` first.")
    client = Client()

    def register(prefix):
        email = f"{prefix}-{time.time_ns()}@example.org"
        response = client.post(f"/{MEETING}/register/", {**FORM, "email": email})
        if response.status_code != 302:
            raise SystemExit(f"The registration POST answered {response.status_code}.")

    for _ in range(WARM_UP):
        register("work-warm")
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on", pid], capture_output=True)  # noqa: S603, S607
    for _ in range(POSTS):
        register("work")
    subprocess.run(["callgrind_control", "-i", "off", pid], capture_output=True)  # noqa: S603, S607


if __name__ == "__main__":
    if os.environ.get("BENCH_UNDER_CALLGRIND"):
        post_under_callgrind()
    else:
        count()
