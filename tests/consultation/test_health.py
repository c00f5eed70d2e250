import json
import sqlite3
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.urls import reverse

from consultation.checks import services_answer
from delegates.models import Registration
from tests.factories import MeetingFactory
from tests.workers import ROOT

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"


def redis_cache(location):
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": location,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }


def test_healthz_reports_each_service_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "broker": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_healthz_names_the_unreachable_cache_and_answers_503(client, settings):
    settings.CACHES = {**settings.CACHES, "ratelimit": redis_cache(UNREACHABLE_REDIS)}

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert "ConnectionError" in body["cache"]


def test_healthz_answers_a_load_balancer_on_any_host(client, settings):
    settings.ALLOWED_HOSTS = ["consultation.example.org"]

    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert json.loads(response.content)["database"] == "ok"


def test_registration_with_the_cache_down_is_a_503_naming_it_and_writes_nothing(
    client, settings
):
    settings.CACHES = {**settings.CACHES, "ratelimit": redis_cache(UNREACHABLE_REDIS)}
    caches["ratelimit"].close()
    meeting = MeetingFactory()
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    client.raise_request_exception = False

    response = client.post(url, {"given_name": "Budi", "email": "budi@example.org"})

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The cache server cannot be reached." in page
    assert "Nothing you sent has been lost or half-saved." in page
    assert not Registration.objects.exists()


def test_start_up_check_names_an_unreachable_redis(settings):
    settings.CACHES = {**settings.CACHES, "default": redis_cache(UNREACHABLE_REDIS)}

    messages = services_answer(None)

    (message,) = messages
    assert message.id == "consultation.E003"
    assert "The cache cannot be reached (REDIS_URL)" in message.msg


def test_start_up_check_is_silent_when_every_service_answers():
    assert services_answer(None) == []


def test_plain_migrate_creates_the_rate_limit_table(tmp_path):
    database = tmp_path / "fresh.sqlite3"

    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"sqlite:///{database}",
            "CELERY_BROKER_URL": "memory://",
        },
        check=True,
        capture_output=True,
    )

    with sqlite3.connect(database) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    assert "consultation_ratelimit" in tables
