import os

import pytest
from django.conf import settings

from tests import parallel


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        raise pytest.UsageError(
            "The test suite runs on PostgreSQL only, but DATABASE_URL points to "
            f"{engine!r}. Run `make test`, or set "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/consultation."
        )
    if os.environ.get("CI") == "true":
        config.option.strict_markers = True
        if not settings.REDIS_URL:
            raise pytest.UsageError(
                "CI runs the tests on Redis, but REDIS_URL is not set: run `make test`."
            )
    # Each pytest-xdist worker on Redis databases of its own (tests/parallel.py),
    # before the first cache or broker connection opens.
    workerinput = getattr(config, "workerinput", None)
    try:
        if workerinput is None:
            parallel.check_every_worker_has_databases(
                settings, config.getoption("numprocesses", None) or 0
            )
        else:
            parallel.use_worker_redis_databases(settings, workerinput["workerid"])
    except parallel.NotEnoughDatabases as error:
        raise pytest.UsageError(str(error)) from None
    # Passwords hashed in one PBKDF2 round, not Django's million (tests/hashers.py).
    settings.PASSWORD_HASHERS = ["tests.hashers.FastPBKDF2PasswordHasher"]
    # Tasks run in the test's own process as they are queued (after commit), so
    # an email is in mail.outbox once the transaction commits. The tests of the
    # workers themselves (tests/consultation/outbox/) start real ones.
    from consultation.celery import app

    app.conf.task_always_eager = True


def confirm_second_factor(client, user) -> None:
    """Put in the client's session that `user` has just confirmed a second factor.

    As the staff sign-in pages do after the authenticator code or security key
    (consultation/signin): tests that sign in for another purpose start from there.
    """
    from allauth.account.internal.flows.login import record_authentication
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login(user)` signs in past the second factor, in tests only.

    Hundreds of tests sign staff in to test something else. The second factor
    itself is tested through the real sign-in pages (tests/consultation/signin/).
    """
    from django.test import Client

    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        confirm_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture
def organiser(db):
    from tests.factories import UserFactory

    return UserFactory(username="organiser", is_staff=True, is_superuser=True)


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture(autouse=True)
def _rate_limits_counted_per_test(settings):
    """Count rate limits in a per-test memory cache, so no test inherits another's.

    Production counts in the database cache; tests/security/test_rate_limits.py
    checks that configuration on its own.
    """
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tests-ratelimit",
        },
    }
    caches["ratelimit"].clear()


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Files a test uploads or generates land in its own folders, never in media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no rendered pages or cached values from another test."""
    from django.core.cache import caches

    caches["default"].clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Each test starts in English, whatever language the last request activated.

    LocaleMiddleware activates a request's language in the thread that served it,
    so a test's `reverse()` after a French request would give a French address.
    """
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
