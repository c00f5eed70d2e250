"""Which cache holds what: shared values in Redis, finished pages in each process."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from tests.workers import ROOT


def in_another_process(code, **environment):
    """Run Python with the project's settings in a fresh process; its output."""
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "consultation.settings",
            **environment,
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()


def test_the_default_cache_is_redis_and_shared_between_processes():
    caches["default"].set("written-by-the-test", "seen elsewhere", 60)

    seen = in_another_process(
        "from django.core.cache import cache; print(cache.get('written-by-the-test'))"
    )

    assert isinstance(caches["default"], RedisCache)
    assert seen == "seen elsewhere"


def test_finished_pages_are_kept_in_each_process_memory_and_bounded():
    caches["pages"].set("a-page", "kept here", 60)

    seen = in_another_process(
        "from django.core.cache import caches; print(caches['pages'].get('a-page'))"
    )

    assert isinstance(caches["pages"], LocMemCache)
    assert seen == "None"


def test_without_redis_the_default_cache_is_the_process_memory():
    backends = in_another_process(
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], "
        "settings.CACHES['ratelimit']['BACKEND'])",
        REDIS_URL="",
    )

    assert backends == (
        "django.core.cache.backends.locmem.LocMemCache "
        "django.core.cache.backends.db.DatabaseCache"
    )
    assert settings.REDIS_URL  # the test run itself is on Redis
