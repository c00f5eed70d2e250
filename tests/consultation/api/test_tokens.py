"""Tokens: stored hashed, refused once expired or revoked, their use recorded."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consultation.api.models import ApiToken, hash_secret
from consultation.api.services import USE_RECORDED_EVERY, record_use, revoke_tokens
from tests.api_tokens import api_client, make_token
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def registrations_url(meeting):
    return reverse("api-registrations", kwargs={"meeting_slug": meeting.slug})


def test_token_secret_is_stored_only_as_its_hash():
    token, secret = make_token("registrations:read")

    token.refresh_from_db()
    assert secret.startswith("cst_")
    assert token.secret_hash == hash_secret(secret)
    assert secret not in {getattr(token, f.attname) for f in ApiToken._meta.fields}
    assert secret.startswith(f"cst_{token.lookup}")


def test_valid_token_reads_and_records_its_use():
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    token, secret = make_token("registrations:read", meeting=meeting)

    response = api_client(secret).get(
        registrations_url(meeting), REMOTE_ADDR="192.0.2.7"
    )

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
    token.refresh_from_db()
    assert token.last_used_from == "192.0.2.7"
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    ("state", "code"),
    [("expired", "token_expired"), ("revoked", "token_revoked")],
)
def test_expired_or_revoked_token_is_refused(state, code):
    meeting = MeetingFactory()
    token, secret = make_token("registrations:read", meeting=meeting)
    if state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
    else:
        revoke_tokens(ApiToken.objects.filter(pk=token.pk))

    response = api_client(secret).get(registrations_url(meeting))

    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_unknown_token_is_refused_with_a_json_error():
    meeting = MeetingFactory()

    response = api_client("cst_not-a-token").get(registrations_url(meeting))

    assert response.status_code == 401
    assert response.json() == {
        "code": "invalid_token",
        "message": "This token is not valid.",
    }


def test_use_is_recorded_at_most_once_a_minute_per_address(
    django_assert_num_queries,
):
    token, _ = make_token("registrations:read")
    now = timezone.now()
    record_use(token, address="192.0.2.7", now=now)

    with django_assert_num_queries(0):
        record_use(token, address="192.0.2.7", now=now + datetime.timedelta(seconds=5))
    with django_assert_num_queries(1):
        record_use(token, address="192.0.2.8", now=now + datetime.timedelta(seconds=6))
    with django_assert_num_queries(1):
        record_use(token, address="192.0.2.8", now=now + USE_RECORDED_EVERY * 2)

    token.refresh_from_db()
    assert token.last_used_from == "192.0.2.8"
    assert token.last_used_at == now + USE_RECORDED_EVERY * 2


def test_revoking_twice_counts_once():
    token, _ = make_token()

    assert revoke_tokens(ApiToken.objects.filter(pk=token.pk)) == 1
    assert revoke_tokens(ApiToken.objects.filter(pk=token.pk)) == 0
