"""System checks of the project's own settings."""

from django.conf import settings
from django.core import checks
from django.db import connections

from .health import service_problems
from .uploads import private_root_overlaps_media_root


@checks.register(checks.Tags.security)
def private_uploads_outside_media_root(app_configs, **kwargs):
    """Refuse a PRIVATE_MEDIA_ROOT inside MEDIA_ROOT (or around it)."""
    if private_root_overlaps_media_root(
        settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT
    ):
        return [
            checks.Error(
                "PRIVATE_MEDIA_ROOT and MEDIA_ROOT overlap, so personal uploads "
                "could be served at a public address.",
                hint="Give PRIVATE_MEDIA_ROOT a folder of its own, outside MEDIA_ROOT.",
                id="consultation.E001",
            )
        ]
    return []


@checks.register("services")
def services_answer(app_configs, **kwargs):
    """Say at start-up which network service (database, Redis, broker) is down.

    Only services reached over the network are tried: the embedded default
    (SQLite, memory cache, file-system broker) has nothing to be down.
    """
    tried = {}
    if connections["default"].vendor != "sqlite":
        tried["database"] = ("DATABASE_URL", checks.Error, "consultation.E002")
    backends = [cache["BACKEND"] for cache in settings.CACHES.values()]
    if any(backend.endswith("RedisCache") for backend in backends):
        tried["cache"] = ("REDIS_URL", checks.Error, "consultation.E003")
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        tried["broker"] = ("CELERY_BROKER_URL", checks.Warning, "consultation.W001")
    messages = []
    for service, problem in service_problems(only=tried).items():
        variable, level, check_id = tried[service]
        messages.append(
            level(
                f"The {service} cannot be reached ({variable}): {problem}",
                hint=(
                    "Start it, or correct the address. Without the broker, "
                    "emails wait in the outbox until it answers."
                    if service == "broker"
                    else "Start it, or correct the address; until then pages "
                    "that need it answer 503."
                ),
                id=check_id,
            )
        )
    return messages
