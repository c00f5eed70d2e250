"""Addresses the site cannot serve get a clear page, never a server error."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from consultation.widgets import TolerantAutocompleteAdmin
from tests.factories import MeetingFactory, RegistrationFactory, SessionFactory

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


def test_a_file_name_too_long_for_the_file_system_is_not_found(client):
    response = client.get("/media/documents/" + "a" * 5000 + ".pdf")

    assert response.status_code == 404
    assert "There is no page at this address." in response.content.decode()


def test_a_multipart_post_without_a_boundary_is_a_bad_request():
    # The error page of an unknown address checks the CSRF token in the body.
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32

    response = client.generic(
        "POST", "/no-such-page/", b"field=value", content_type="multipart/form-data"
    )

    assert response.status_code == 400
    assert "The form data could not be read." in response.content.decode()


def test_a_non_number_for_an_autocomplete_field_is_a_form_error(admin_client):
    registration = RegistrationFactory(family_name="Santoso")
    url = reverse("admin:delegates_registration_change", args=[registration.pk])

    response = admin_client.post(
        url, {"meeting": "abc", "delegation": "1e9", "family_name": "Changed"}
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["meeting"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    registration.refresh_from_db()
    assert registration.family_name == "Santoso"


def test_an_out_of_range_id_for_an_autocomplete_field_is_a_form_error(admin_client):
    session = SessionFactory()
    url = reverse("admin:agenda_session_change", args=[session.pk])

    response = admin_client.post(url, {"room": str(2**70), "title": "Changed"})

    assert response.status_code == 200
    assert "room" in response.context["adminform"].form.errors


def test_every_admin_with_autocomplete_fields_has_the_tolerant_widgets():
    model_admins = list(admin.site._registry.values())
    with_autocomplete = [
        owner
        for model_admin in model_admins
        for owner in (model_admin, *model_admin.inlines)
        if owner.autocomplete_fields
    ]

    assert with_autocomplete
    assert [
        owner
        for owner in with_autocomplete
        if not issubclass(
            owner if isinstance(owner, type) else type(owner),
            TolerantAutocompleteAdmin,
        )
    ] == []
