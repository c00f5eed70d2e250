"""Whether the services the app needs answer: for /healthz, start-up and 503s.

The database, the cache (Redis in production) and the Celery broker. A request
that fails because one of them is down gets a 503 page that names it, never a
500 (consultation.views.server_error).
"""

import redis.exceptions
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import JsonResponse
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

# Exceptions that mean a service is unreachable, not that our code is wrong.
OUTAGES = {
    "database": (OperationalError, InterfaceError),
    "cache": (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError),
}


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    for alias in settings.CACHES:
        caches[alias].get("healthz")


def check_broker() -> None:
    from consultation.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def service_problems(*, only=CHECKS) -> dict[str, str]:
    """Each unreachable service with the error it gave; empty when all answer."""
    problems = {}
    for name in only:
        check = CHECKS[name]
        try:
            check()
        except (DatabaseError, BrokerError, OSError, RedisError) as error:
            problems[name] = f"{type(error).__name__}: {error}"
    return problems


def unavailable_service(error: BaseException) -> str | None:
    """The service an exception says is down ("database", "cache"), if any."""
    for name, kinds in OUTAGES.items():
        if isinstance(error, kinds):
            return name
    return None


def outage_reason(service: str) -> str:
    return {
        "database": _("The database cannot be reached."),
        "cache": _("The cache server cannot be reached."),
    }[service]


class HealthCheckMiddleware:
    """Answer GET /healthz for load balancers, before host or HTTPS checks.

    JSON with "ok" or the error for the database, the cache and the broker;
    200 when all answer, else 503. Nothing else is served from here.
    """

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != self.path:
            return self.get_response(request)
        problems = service_problems()
        response = JsonResponse(
            {name: problems.get(name, "ok") for name in CHECKS},
            status=503 if problems else 200,
        )
        response["Cache-Control"] = "no-store"
        return response
