"""The API's docs render in a browser from our own files, within the CSP."""

import pytest
from playwright.sync_api import expect

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_swagger_ui_shows_the_schema_without_outside_requests(
    page, live_server, csp_violations
):
    MeetingFactory(slug="forum")
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((live_server.url, "data:"))
            else None
        ),
    )

    page.goto("/api/v1/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Consultation API")
    expect(
        page.get_by_text("/api/v1/meetings/{meeting_slug}/registrations/").first
    ).to_be_visible()
    assert outside == []
    assert csp_violations == []
