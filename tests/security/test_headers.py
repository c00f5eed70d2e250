"""Security headers on public pages, and the production transport settings."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import MeetingFactory

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
def test_public_page_sends_a_strict_content_security_policy(client):
    meeting = MeetingFactory()

    response = client.get(meeting.get_absolute_url())

    assert meeting.title in response.content.decode()
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "script-src" not in policy
    assert "style-src" not in policy


@pytest.mark.django_db
def test_public_page_forbids_framing_sniffing_and_cross_site_referrers(client):
    meeting = MeetingFactory()

    response = client.get(meeting.get_absolute_url())

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_staff_sign_in_is_served_under_the_same_policy(client):
    response = client.get("/accounts/login/")

    assert 'name="password"' in response.content.decode()
    assert parse_csp(response["Content-Security-Policy"])["default-src"] == ["'self'"]


PRODUCTION_PROBE = """
import json
import django
django.setup()
from django.conf import settings
from allauth.socialaccount.models import SocialApp
from django.db import connection
from django.test import Client, override_settings

# The sign-in page lists the identity providers, which may be in the database too.
with connection.schema_editor() as editor:
    editor.create_model(SocialApp)

# No collectstatic here: the page needs static URLs, not the hashed manifest.
plain_static = {
    **settings.STORAGES,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
with override_settings(STORAGES=plain_static):
    response = Client().get("/accounts/login/", secure=True)
    insecure_response = Client().get("/accounts/login/")
print(json.dumps({
    "status": response.status_code,
    "hsts": response.get("Strict-Transport-Security"),
    "csrf_cookie_secure": response.cookies["csrftoken"]["secure"],
    "insecure_status": insecure_response.status_code,
    "settings": {
        name: getattr(settings, name)
        for name in (
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SESSION_COOKIE_HTTPONLY",
        )
    },
}))
"""


def run_with_production_settings(**extra_env):
    inherited = {k: v for k, v in os.environ.items() if k != "HTTPS"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "consultation.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "sqlite:///:memory:",
        **extra_env,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_secure_cookies_and_send_hsts():
    probe = run_with_production_settings()

    assert probe["settings"] == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
    }
    assert probe["status"] == 200
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert probe["csrf_cookie_secure"] is True
    assert probe["insecure_status"] == 301
