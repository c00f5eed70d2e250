"""What a client can rely on besides the data: errors, rate limits, JSON only."""

import pytest
from django.urls import reverse

from tests.api_tokens import api_client, make_token
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_rate_limit_answers_429_with_retry_after(settings):
    settings.API_RATE_LIMITS = {"token": "3/min", "anonymous": "2/min"}
    meeting = MeetingFactory()
    address = reverse("api-rooms", kwargs={"meeting_slug": meeting.slug})
    client = api_client()

    statuses = [client.get(address).status_code for _ in range(3)]
    refused = client.get(address)

    assert statuses == [200, 200, 429]
    assert refused.json()["code"] == "throttled"
    assert 0 < int(refused["Retry-After"]) <= 60


def test_rate_limit_counts_per_token(settings):
    settings.API_RATE_LIMITS = {"token": "2/min", "anonymous": "1/min"}
    meeting = MeetingFactory()
    address = reverse("api-registrations", kwargs={"meeting_slug": meeting.slug})
    _, first = make_token("registrations:read")
    _, second = make_token("registrations:read")

    first_statuses = [api_client(first).get(address).status_code for _ in range(3)]
    second_status = api_client(second).get(address).status_code

    assert first_statuses == [200, 200, 429]
    assert second_status == 200


def test_unknown_api_address_is_a_json_404():
    response = api_client().get("/api/v1/nowhere/")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found."}


def test_address_with_a_nul_character_is_a_json_400():
    response = api_client().get("/api/v1/meetings/", {"cursor": "\x00"})

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_body_other_than_json_is_refused():
    meeting = MeetingFactory()
    _, secret = make_token("check_ins:write", meeting=meeting)

    response = api_client(secret).post(
        reverse("api-check-ins", kwargs={"meeting_slug": meeting.slug}),
        "registration=1",
        content_type="text/plain",
    )

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_malformed_json_is_a_400():
    meeting = MeetingFactory()
    _, secret = make_token("check_ins:write", meeting=meeting)

    response = api_client(secret).post(
        reverse("api-check-ins", kwargs={"meeting_slug": meeting.slug}),
        "{not json",
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_html_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/no-such-meeting/agenda/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
