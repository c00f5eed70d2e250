"""Redis databases of its own for each pytest-xdist worker (`make test` runs two).

pytest-django gives each worker its own PostgreSQL test database (a `_gw0`,
`_gw1` suffix). Redis needs the same: every test empties the cache's database,
and a real Celery worker started by one test must never take a task queued by a
test of the other worker, against the other worker's database. So worker N
moves every Redis URL it was given (REDIS_URL, CELERY_BROKER_URL) N places up,
by as many databases as the given URLs span: 30 and 31 stay 30 and 31 for gw0
and become 32 and 33 for gw1. A run without xdist, or its first worker, keeps
the URLs as they are.
"""

import os
from urllib.parse import urlsplit, urlunsplit

# The settings that name a Redis server for the tests (scripts/test-redis-url).
REDIS_SETTINGS = ("REDIS_URL", "CELERY_BROKER_URL")


class NotEnoughDatabases(Exception):
    """The Redis server has fewer databases than this worker needs."""


def worker_index(worker_id: str | None) -> int:
    """0 for gw0 or a run without xdist (None), 1 for gw1, and so on."""
    return int(worker_id.removeprefix("gw")) if worker_id else 0


def is_redis(url: str) -> bool:
    return url.startswith(("redis://", "rediss://"))


def database_number(url: str) -> int:
    path = urlsplit(url).path.strip("/")
    return int(path) if path else 0


def with_database(url: str, number: int) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))


def worker_urls(urls: list[str], index: int) -> dict[str, str]:
    """Each Redis URL in `urls` and the one worker `index` uses instead."""
    redis_urls = [url for url in urls if url and is_redis(url)]
    if not redis_urls:
        return {}
    numbers = [database_number(url) for url in redis_urls]
    span = max(numbers) - min(numbers) + 1
    return {
        url: with_database(url, database_number(url) + index * span)
        for url in redis_urls
    }


def check_database_exists(url: str) -> None:
    """Raise NotEnoughDatabases if the server refuses to SELECT the URL's database."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.ResponseError as error:
        if "out of range" in str(error):
            raise NotEnoughDatabases(str(error)) from error
        raise
    except redis.ConnectionError:
        pass  # an unreachable Redis fails the tests that need it, as without xdist


def _given_urls(settings) -> list[str]:
    return [getattr(settings, name) for name in REDIS_SETTINGS]


def check_databases_exist(settings, index: int) -> None:
    """Raise NotEnoughDatabases, saying what to do, if worker `index` lacks its own."""
    for url in worker_urls(_given_urls(settings), index).values():
        try:
            check_database_exists(url)
        except NotEnoughDatabases as error:
            raise NotEnoughDatabases(
                f"pytest-xdist worker gw{index} needs Redis database "
                f"{database_number(url)} ({url}), but the server refuses it "
                f"({error}). Run fewer workers (make test TEST_WORKERS=1), give "
                "REDIS_URL and CELERY_BROKER_URL lower database numbers, or raise "
                "the server's `databases`."
            ) from None


def check_every_worker_has_databases(settings, workers: int) -> None:
    """Before xdist starts `workers` processes: each finds its databases."""
    for index in range(1, workers):
        check_databases_exist(settings, index)


def use_worker_redis_databases(settings, worker_id: str | None) -> None:
    """Point this worker's Redis settings and child processes at its own databases.

    Runs in pytest_configure: Django's settings are loaded by then, but no cache
    or broker connection is open yet. Each cache whose LOCATION is a given URL
    moves with it, and so do the environment variables that the app servers and
    Celery workers started by the tests read.
    """
    index = worker_index(worker_id)
    if index == 0:
        return
    check_databases_exist(settings, index)
    moved = worker_urls(_given_urls(settings), index)
    for name in REDIS_SETTINGS:
        url = getattr(settings, name)
        if url in moved:
            setattr(settings, name, moved[url])
            os.environ[name] = moved[url]
    for cache in settings.CACHES.values():
        if cache.get("LOCATION") in moved:
            cache["LOCATION"] = moved[cache["LOCATION"]]
