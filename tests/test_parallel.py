"""The test run itself: each xdist worker on its own Redis databases, fast hashing."""

import os

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher, make_password
from django.core.cache import caches

from tests import parallel


def test_a_run_without_xdist_or_its_first_worker_keeps_the_given_databases():
    assert parallel.worker_index(None) == 0
    assert parallel.worker_index("gw0") == 0
    assert parallel.worker_index("gw3") == 3


def test_each_worker_moves_up_by_the_databases_the_urls_span():
    urls = ["redis://127.0.0.1:6380/30", "redis://127.0.0.1:6380/31"]

    assert parallel.worker_urls(urls, 0) == {url: url for url in urls}
    assert parallel.worker_urls(urls, 1) == {
        "redis://127.0.0.1:6380/30": "redis://127.0.0.1:6380/32",
        "redis://127.0.0.1:6380/31": "redis://127.0.0.1:6380/33",
    }
    assert parallel.worker_urls(urls, 2) == {
        "redis://127.0.0.1:6380/30": "redis://127.0.0.1:6380/34",
        "redis://127.0.0.1:6380/31": "redis://127.0.0.1:6380/35",
    }


def test_databases_apart_never_overlap_another_workers():
    urls = ["redis://h/0", "redis://h/3"]

    used = [set(parallel.worker_urls(urls, index).values()) for index in range(3)]

    assert used == [
        {"redis://h/0", "redis://h/3"},
        {"redis://h/4", "redis://h/7"},
        {"redis://h/8", "redis://h/11"},
    ]


def test_a_url_without_a_database_is_database_0_and_other_brokers_stay():
    moved = parallel.worker_urls(
        ["rediss://:secret@h:6379", "filesystem://", "redis://h:6379/1"], 1
    )

    assert moved == {
        "rediss://:secret@h:6379": "rediss://:secret@h:6379/2",
        "redis://h:6379/1": "redis://h:6379/3",
    }


@pytest.mark.skipif(not settings.REDIS_URL, reason="this run is not on Redis")
def test_a_worker_past_the_servers_databases_stops_the_run_clearly():
    class Settings:
        REDIS_URL = parallel.with_database(settings.REDIS_URL, 100_000)
        CELERY_BROKER_URL = parallel.with_database(settings.REDIS_URL, 100_001)
        CACHES = {}

    wanted = parallel.with_database(settings.REDIS_URL, 100_004)
    with pytest.raises(parallel.NotEnoughDatabases) as refused:
        parallel.use_worker_redis_databases(Settings, "gw2")

    assert str(refused.value).startswith(
        f"pytest-xdist worker gw2 needs Redis database 100004 ({wanted}), "
        "but the server refuses it"
    )
    assert "TEST_WORKERS=1" in str(refused.value)
    assert parallel.database_number(Settings.REDIS_URL) == 100_000


@pytest.mark.skipif(not settings.REDIS_URL, reason="this run is not on Redis")
def test_this_worker_its_cache_and_its_child_processes_share_its_databases():
    index = parallel.worker_index(os.environ.get("PYTEST_XDIST_WORKER"))
    in_settings = [settings.REDIS_URL, settings.CELERY_BROKER_URL]
    for_child_processes = [os.environ["REDIS_URL"], os.environ["CELERY_BROKER_URL"]]

    assert in_settings == for_child_processes
    assert caches["default"]._servers == [os.environ["REDIS_URL"]]
    if index:
        assert parallel.database_number(os.environ["REDIS_URL"]) >= 2 * index


def test_passwords_are_hashed_with_one_pbkdf2_round_that_django_reads_back():
    encoded = make_password("correct horse battery staple")

    assert get_hasher().iterations == 1
    assert encoded.startswith("pbkdf2_sha256$1$")
