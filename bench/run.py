"""Benchmark: seed a large meeting, serve it with gunicorn, load it with wrk.

Usage: make bench (or .venv/bin/python bench/run.py). Prints Markdown tables:
throughput and latency per page at 1, 16 and 64 connections, queries per page on
the large and the small meeting, and peak memory per worker. Each page is loaded
for 2 seconds, unmeasured, before the runs, so that every worker has rendered it
once. A script that prints numbers, not a test: nothing here passes or fails on
speed.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/
consultation_bench, created if missing), BENCH_DURATION (10s), BENCH_CONNECTIONS
("1 16 64"), BENCH_WORKERS (cores + 1, as scripts/docker-entrypoint starts
gunicorn), BENCH_PORT (8799).
"""

import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2
from organisers import organisers_at_work  # bench/organisers.py
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/consultation_bench"
)
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = [int(n) for n in os.environ.get("BENCH_CONNECTIONS", "1 16 64").split()]
WORKERS = int(os.environ.get("BENCH_WORKERS", (os.cpu_count() or 1) + 1))
PORT = int(os.environ.get("BENCH_PORT", "8799"))
WARM_UP = "2s"
# Long enough for a few hundred pages at 16 organisers.
ORGANISER_SECONDS = int(os.environ.get("BENCH_ORGANISER_SECONDS", "30"))
BASE = f"http://127.0.0.1:{PORT}"

SERVER_ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "false",
    "HTTPS": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DJANGO_SETTINGS_MODULE": "consultation.settings",
    "SERVE_MEDIA": "false",
    # Emails go nowhere: the benchmark measures the pages, not an SMTP server.
    "EMAIL_URL": "dummymail://",
    # Rate limits still count (their cache queries are part of the cost) but are
    # set far above what the load generator sends.
    "RATE_LIMIT_REGISTRATION": "100000000/m",
    "RATE_LIMIT_INVITATION_CODE": "100000000/m",
    "API_RATE_LIMIT_ANONYMOUS": "100000000/min",
    "AXES_FAILURE_LIMIT": "1000000",
}


def run(*command, capture=False):
    return subprocess.run(  # noqa: S603 - our own fixed commands
        [str(part) for part in command],
        cwd=ROOT,
        env=SERVER_ENV,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    ).stdout


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("Installing wrk (apt-get)...", file=sys.stderr)
    install = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    if subprocess.run(install, check=False).returncode != 0:  # noqa: S603
        subprocess.run(["apt-get", "update"], check=True)  # noqa: S603, S607
        subprocess.run(install, check=True)  # noqa: S603


def ensure_database():
    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def start_server():
    try:
        with urllib.request.urlopen(BASE, timeout=2):  # noqa: S310
            raise SystemExit(
                f"Something already listens on port {PORT}: stop it first."
            )
    except urllib.error.HTTPError as error:
        raise SystemExit(f"Port {PORT} is in use: stop that server first.") from error
    except OSError:
        pass
    server = subprocess.Popen(  # noqa: S603
        [
            BIN / "gunicorn",
            "consultation.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=SERVER_ENV,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{BASE}/static/css/site.css", timeout=5):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    server.wait(timeout=30)
    raise SystemExit("gunicorn did not start")


def worker_pids(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def peak_memory_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def drain():
    """Wait until the server answers quickly again, so that requests still queued
    from one run do not count against the next."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{BASE}/static/css/site.css", timeout=30):  # noqa: S310
                if time.monotonic() - started < 0.5:
                    return
        except OSError:
            pass
        time.sleep(1)


def wrk(path, connections, script="bench/report.lua", args=(), duration=DURATION):
    threads = min(connections, 2)
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk"),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}",
            "--timeout",
            "5s",
            "-s",
            script,
            BASE + path,
            "--",
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(
        line for line in output.stderr.splitlines() if line.startswith("BENCH ")
    )
    result = json.loads(line.removeprefix("BENCH "))
    seconds = result["duration_us"] / 1_000_000
    return {
        "rps": result["requests"] / seconds,
        "p50": result["p50_us"] / 1000,
        "p95": result["p95_us"] / 1000,
        "p99": result["p99_us"] / 1000,
        "errors": result["socket_errors"] + result["bad_status"],
        "requests": result["requests"],
    }


def registrations_created(run_id):
    connection = psycopg2.connect(DATABASE_URL)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM delegates_registration WHERE email LIKE %s",
            [f"bench-{run_id}-%"],
        )
        (count,) = cursor.fetchone()
    connection.close()
    return count


def side_event_seats(meeting_slug, session_slug):
    """Seats taken, capacity and sign-ups by status of the benchmarked side event."""
    connection = psycopg2.connect(DATABASE_URL)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.id, e.seats_taken, e.capacity FROM agenda_sideevent e"
            " JOIN agenda_session s ON s.id = e.session_id"
            " JOIN consultation_meeting m ON m.id = s.meeting_id"
            " WHERE m.slug = %s AND s.slug = %s",
            [meeting_slug, session_slug],
        )
        event_id, seats_taken, capacity = cursor.fetchone()
        cursor.execute(
            "SELECT status, count(*) FROM agenda_sideeventsignup"
            " WHERE side_event_id = %s GROUP BY status ORDER BY status",
            [event_id],
        )
        statuses = dict(cursor.fetchall())
    connection.close()
    return seats_taken, capacity, statuses


def has_url(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=10) as response:  # noqa: S310
            return response.status == 200
    except urllib.error.HTTPError:
        return False


def main():
    ensure_wrk()
    ensure_database()
    print("Preparing the database and static files...", file=sys.stderr)
    run(BIN / "python", "manage.py", "migrate", "--no-input", "-v0")
    run(BIN / "python", "manage.py", "createcachetable")
    run(BIN / "python", "manage.py", "collectstatic", "--no-input", "-v0")
    seeded = json.loads(run(BIN / "python", "bench/seed.py", capture=True))
    large, small = seeded["large"], seeded["small"]

    pages = {
        "agenda": "/{meeting}/agenda/",
        "session page": "/{meeting}/agenda/{session}/",
        "iCalendar feed": "/{meeting}/agenda/agenda.ics",
        "schedule.xml": "/{meeting}/agenda/schedule.xml",
        "side events": "/{meeting}/side-events/",
        "API sessions (JSON)": "/api/v1/meetings/{meeting}/sessions/",
        "registration form (GET)": "/{meeting}/register/",
        "admin registration list": "/admin/delegates/registration/",
    }
    server = start_server()
    try:
        available = {
            name: template
            for name, template in pages.items()
            if has_url(template.format(**large)) or name.startswith("admin")
        }
        missing = sorted(set(pages) - set(available))
        print("Counting queries per page...", file=sys.stderr)
        queries = json.loads(
            run(
                BIN / "python",
                "bench/queries.py",
                json.dumps(available),
                json.dumps([large, small]),
                capture=True,
            )
        )
        # Every worker renders each page once before it is measured, as a server
        # that has been up for a while has: the runs measure the steady state.
        print("Warming up the workers...", file=sys.stderr)
        for name, template in available.items():
            script, args = "bench/report.lua", ()
            if name.startswith("admin"):
                script, args = "bench/cookie.lua", (seeded["admin_cookie"],)
            wrk(template.format(**large), 16, script, args, duration=WARM_UP)
        drain()
        tokens_file = Path(tempfile.mkstemp(prefix="bench-tokens-")[1])
        tokens_file.write_text("\n".join(seeded["sign_up_tokens"]) + "\n")
        results = []
        notes = []
        for connections in CONNECTIONS:
            targets = [
                (name, template.format(**large), "bench/report.lua", ())
                for name, template in available.items()
                if not name.startswith("admin")
            ]
            targets.append(
                (
                    "admin registration list",
                    available["admin registration list"],
                    "bench/cookie.lua",
                    (seeded["admin_cookie"],),
                )
            )
            run_id = f"{int(time.time())}c{connections}"
            targets.append(
                (
                    "registration form (valid POST)",
                    f"/{large['meeting']}/register/",
                    "bench/register.lua",
                    (run_id,),
                )
            )
            if large["side_event"]:
                targets.append(
                    (
                        "side-event sign-up (POST)",
                        "/",
                        "bench/signup.lua",
                        (str(tokens_file), large["meeting"], large["side_event"]),
                    )
                )
            targets.append(
                (
                    "static file (ceiling)",
                    "/static/css/site.css",
                    "bench/report.lua",
                    (),
                )
            )
            for name, path, script, args in targets:
                drain()
                print(f"  {name} at {connections} connection(s)...", file=sys.stderr)
                result = wrk(path, connections, script, args)
                results.append((name, connections, result))
                if script == "bench/register.lua":
                    created = registrations_created(run_id)
                    if created != result["requests"]:
                        notes.append(
                            f"registration POST at {connections}: {created} of "
                            f"{result['requests']} requests created a registration"
                        )
            # The list for as many organisers at work, each reading a page for
            # about a second before the next: the wrk rows are as many people
            # clicking without a pause.
            drain()
            name = "admin registration list, organisers reading ~1 s a page"
            print(f"  {name}: {connections}...", file=sys.stderr)
            result = organisers_at_work(
                BASE,
                available["admin registration list"],
                seeded["admin_cookie"],
                connections,
                ORGANISER_SECONDS,
            )
            results.append((name, connections, result))
        memory = [peak_memory_mib(pid) for pid in worker_pids(server)]
        if large["side_event"]:
            seats_taken, capacity, statuses = side_event_seats(
                large["meeting"], large["side_event"]
            )
            notes.append(
                f"side event after the sign-up runs: {seats_taken} of {capacity} "
                f"seats taken; sign-ups by status: {json.dumps(statuses)}"
            )
    finally:
        # gunicorn's workers are its children: stopping the master stops them.
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    print_report(results, queries, memory, large, small, missing, notes)


def print_report(results, queries, memory, large, small, missing, notes):
    print(
        f"\nMachine: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; gunicorn {WORKERS} sync workers; "
        f"wrk {DURATION} per run."
    )
    print(f"Large meeting: {json.dumps(large['counts'])}")
    print(f"Small meeting: {json.dumps(small['counts'])}\n")
    print("| page | connections | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, connections, r in results:
        if r["requests"] == 0:
            print(f"| {name} | {connections} | 0 | none completed | | | |")
            continue
        print(
            f"| {name} | {connections} | {r['rps']:.1f} | {r['p50']:.1f} | "
            f"{r['p95']:.1f} | {r['p99']:.1f} | {r['errors']} |"
        )
    print("\n| page | queries (large meeting) | queries (small meeting) |")
    print("| --- | ---: | ---: |")
    for name, counts in queries.items():
        print(f"| {name} | {counts[large['meeting']]} | {counts[small['meeting']]} |")
    print(
        f"\nPeak memory per worker (VmHWM): max {max(memory):.0f} MiB, "
        f"mean {sum(memory) / len(memory):.0f} MiB over {len(memory)} workers."
    )
    if missing:
        print(f"Not on this version, not measured: {', '.join(missing)}.")
    for note in notes:
        print(f"Note: {note}.")


if __name__ == "__main__":
    main()
