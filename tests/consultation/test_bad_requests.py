"""Addresses the site cannot serve get a clear page, never a server error."""

import pytest
from django.urls import reverse

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["q=%00", "day=2026-11-3%00", "x%00=1"],
)
def test_a_nul_character_in_the_query_string_is_a_bad_request(admin_client, query):
    response = admin_client.get(
        reverse("admin:delegates_registration_changelist") + "?" + query
    )

    assert response.status_code == 400
    assert "The address contains a character that is not allowed." in (
        response.content.decode()
    )


def test_a_nul_character_in_a_public_address_is_a_bad_request(client):
    meeting = MeetingFactory()

    response = client.get(f"/{meeting.slug}/agenda/?day=%00")

    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_nul_character_in_the_path_is_a_bad_request(client):
    response = client.get("/private-media/photos/a%00.jpg")

    assert response.status_code == 400


def test_an_unknown_address_gets_the_site_page_not_found(client):
    response = client.get("/no-such-meeting/")

    assert response.status_code == 404
    assert "There is no page at this address." in response.content.decode()
