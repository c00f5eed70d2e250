"""Admin login brute-force protection (django-axes): by username and address."""

import pytest
from axes.models import AccessAttempt

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def organiser_account():
    return UserFactory(username="organiser", is_staff=True, is_superuser=True)


@pytest.fixture
def failure_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def log_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        "/accounts/login/?next=/admin/",
        {"login": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_login_is_locked_after_the_failure_limit(
    client, organiser_account, failure_limit
):
    for _ in range(failure_limit):
        log_in(client, "organiser", "wrong")

    response = log_in(client, "organiser", PASSWORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Sign-in temporarily locked" in html
    assert "Please wait 30 minutes and try again." in html
    assert response["Retry-After"] == "1800"
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == ("organiser", "203.0.113.7")


def test_login_below_the_failure_limit_still_works(
    client, organiser_account, failure_limit
):
    for _ in range(failure_limit - 1):
        log_in(client, "organiser", "wrong")

    response = log_in(client, "organiser", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(organiser_account.pk)


def test_lockout_does_not_block_the_same_user_from_another_address(
    client, organiser_account, failure_limit
):
    for _ in range(failure_limit):
        log_in(client, "organiser", "wrong", ip="203.0.113.7")

    response = log_in(client, "organiser", PASSWORD, ip="198.51.100.20")

    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(organiser_account.pk)


def test_lockout_does_not_block_another_user_from_the_same_address(
    client, organiser_account, failure_limit
):
    colleague = UserFactory(username="colleague", is_staff=True, is_superuser=True)
    for _ in range(failure_limit):
        log_in(client, "organiser", "wrong", ip="203.0.113.7")

    response = log_in(client, "colleague", PASSWORD, ip="203.0.113.7")

    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_failed_login_below_the_limit_shows_the_ordinary_error(
    client, organiser_account, failure_limit
):
    response = log_in(client, "organiser", "wrong")

    assert (
        "The username and/or password you specified are not correct."
        in response.content.decode()
    )
    assert AccessAttempt.objects.get().failures_since_start == 1
