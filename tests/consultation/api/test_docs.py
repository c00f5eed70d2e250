"""The OpenAPI schema at a stable address, and its docs from our own static files."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.api_tokens import api_client

pytestmark = pytest.mark.django_db


def test_schema_is_served_at_a_stable_address():
    response = api_client().get("/api/v1/schema/", HTTP_ACCEPT="application/json")

    schema = response.json()
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/meetings/{meeting_slug}/registrations/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"


def test_schema_documents_the_json_error_of_every_operation():
    schema = yaml.safe_load(api_client().get(reverse("api-schema")).content)

    operations = [
        operation
        for operations in schema["paths"].values()
        for operation in operations.values()
    ]
    assert operations
    for operation in operations:
        error = operation["responses"]["403"]["content"]["application/json"]
        assert error["schema"] == {"$ref": "#/components/schemas/Error"}


def test_personal_fields_are_optional_in_the_schema():
    schema = api_client().get(reverse("api-schema"), HTTP_ACCEPT="application/json")

    registration = schema.json()["components"]["schemas"]["Registration"]
    assert "email" in registration["properties"]
    assert "email" not in registration["required"]
    assert "status" in registration["required"]


def test_docs_load_only_our_own_files():
    response = api_client().get(reverse("api-docs"), HTTP_ACCEPT="text/html")

    page = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert response.status_code == 200
    assert addresses
    assert [a for a in addresses if not a.startswith("/")] == []
    static = [a for a in addresses if a.startswith("/static/")]
    assert {finders.find(a.removeprefix("/static/")) is not None for a in static} == {
        True
    }
    assert "<script>" not in page
    assert "<style>" not in page


def test_docs_script_is_a_file_of_its_own():
    response = api_client().get(reverse("api-docs"), {"script": ""}, HTTP_ACCEPT="*/*")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in response.content.decode()
