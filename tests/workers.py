"""Real Celery workers and app servers for tests, as separate processes.

They share the test database (so the tests that use them need transactional_db)
and the broker of the test run (CELERY_BROKER_URL, Redis in `make test`).
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The test database (not the one DATABASE_URL names) as a URL."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def process_environment(tmp_path, **overrides) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "OUTBOX_RETRY_DELAY": "0.3",
        "OUTBOX_RETRY_MAX_DELAY": "2",
        "OUTBOX_LEASE_SECONDS": "3",
        "OUTBOX_SWEEP_SECONDS": "1",
        "EMAIL_TIMEOUT": "5",
        "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "celerybeat"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
    }
    env.update({name: str(value) for name, value in overrides.items()})
    return env


class Worker:
    """`celery worker -B` in its own process group, so a SIGKILL takes it all."""

    def __init__(self, tmp_path, *, concurrency=2, **environment):
        self.log = open(tmp_path / f"worker-{time.monotonic_ns()}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "consultation",
                "worker",
                "--beat",
                f"--concurrency={concurrency}",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=process_environment(tmp_path, **environment),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        """SIGKILL the worker and its children at once, mid-task."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


class AppServer:
    """The app under gunicorn on its own port, as production runs it."""

    def __init__(self, tmp_path, port, **environment):
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(tmp_path / f"app-{port}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "consultation.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
            ],
            cwd=ROOT,
            env=process_environment(tmp_path, **environment),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)  # noqa: S310
                return
            except OSError as error:
                if getattr(error, "code", None):
                    return  # it answered, if not 200
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start at {self.url}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        self.log.close()
