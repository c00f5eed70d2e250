"""Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request."""

import time

import pytest
from django.urls import reverse

from consultation.signin.middleware import LAST_REQUEST_AT

pytestmark = pytest.mark.django_db


def idle_for(client, seconds):
    session = client.session
    session[LAST_REQUEST_AT] = time.time() - seconds
    session.save()


def test_a_session_idle_for_longer_than_the_limit_ends(organiser_client):
    idle_for(organiser_client, 31 * 60)

    response = organiser_client.get("/admin/delegates/registration/")

    assert response["Location"] == (
        f"{reverse('account_login')}?next=/admin/delegates/registration/"
    )
    assert "_auth_user_id" not in organiser_client.session
    page = organiser_client.get(response["Location"]).content.decode()
    assert "Your session ended after a time without activity." in page


def test_a_session_in_use_goes_on(organiser_client):
    idle_for(organiser_client, 29 * 60)

    response = organiser_client.get("/admin/")

    assert response.status_code == 200
    assert time.time() - organiser_client.session[LAST_REQUEST_AT] < 60


def test_the_idle_limit_is_a_setting(organiser_client, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = 5 * 60
    idle_for(organiser_client, 6 * 60)

    response = organiser_client.get("/admin/")

    assert response.status_code == 302
    assert "_auth_user_id" not in organiser_client.session
