"""Rate limits on public endpoints that a script could hammer."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from agenda.enums import SideEventAccess
from agenda.models import SideEventSignUp
from consultation.security import client_ip
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.tokens import make_registration_token
from tests.factories import (
    InvitationCodeFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventFactory,
)

pytestmark = pytest.mark.django_db


def registration_data(n):
    return {
        "honorific": "mr",
        "given_name": "Budi",
        "family_name": f"Santoso {n}",
        "job_title": "Director",
        "organisation": "Ministry of Foreign Affairs",
        "category": "member_state",
        "country": "ID",
        "email": f"budi{n}@example.org",
        "phone": "+62 21 384 8626",
        "gender": "male",
        "role": "delegate",
        "consent_privacy": "on",
    }


@pytest.fixture
def two_registrations_an_hour(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration": "2/h"}


def test_registration_beyond_the_limit_gets_a_clear_429_page(
    client, two_registrations_an_hour
):
    meeting = MeetingFactory()
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    client.post(url, registration_data(1))
    client.post(url, registration_data(2))

    response = client.post(url, registration_data(3))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts" in html
    assert "Please try again in" in html
    assert 0 < int(response["Retry-After"]) <= 3600
    assert sorted(Registration.objects.values_list("email", flat=True)) == [
        "budi1@example.org",
        "budi2@example.org",
    ]


def test_registration_limit_counts_invalid_submissions_too(
    client, two_registrations_an_hour
):
    meeting = MeetingFactory()
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    client.post(url, {"email": "not-an-email"})
    client.post(url, {"email": "not-an-email"})

    response = client.post(url, registration_data(1))

    assert response.status_code == 429
    assert not Registration.objects.exists()


def test_registration_limit_does_not_count_reading_the_form(
    client, two_registrations_an_hour
):
    meeting = MeetingFactory()
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    for _ in range(5):
        client.get(url)

    response = client.post(url, registration_data(1))

    assert response["Location"].endswith("/thank-you/")
    assert Registration.objects.get().email == "budi1@example.org"


def test_registration_limit_is_per_client_address(client, two_registrations_an_hour):
    meeting = MeetingFactory()
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    client.post(url, registration_data(1), REMOTE_ADDR="203.0.113.7")
    client.post(url, registration_data(2), REMOTE_ADDR="203.0.113.7")

    response = client.post(url, registration_data(3), REMOTE_ADDR="198.51.100.20")

    assert response["Location"].endswith("/thank-you/")
    assert Registration.objects.count() == 3


def test_rate_limits_count_in_the_database_cache_in_production(
    client, settings, two_registrations_an_hour
):
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "consultation_ratelimit",
        },
    }
    caches["ratelimit"].clear()
    meeting = MeetingFactory()
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    client.post(url, registration_data(1))
    client.post(url, registration_data(2))

    response = client.post(url, registration_data(3))

    assert response.status_code == 429
    assert Registration.objects.count() == 2


def test_client_ip_reads_a_one_address_proxy_header(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = rf.get("/", HTTP_X_REAL_IP="203.0.113.7", REMOTE_ADDR="10.0.0.2")

    assert client_ip(request) == "203.0.113.7"


def test_client_ip_ignores_x_forwarded_for_without_a_trusted_proxy(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.2")

    assert client_ip(request) == "10.0.0.2"


def test_client_ip_is_the_entry_our_one_proxy_appended(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "198.51.100.99" itself; our proxy appended what it saw.
    request = rf.get(
        "/", HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7", REMOTE_ADDR="10.0.0.2"
    )

    assert client_ip(request) == "203.0.113.7"


def test_client_ip_behind_two_proxies_skips_the_inner_one(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get(
        "/",
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7, 10.0.0.1",
        REMOTE_ADDR="10.0.0.2",
    )

    assert client_ip(request) == "203.0.113.7"


def test_client_ip_with_fewer_entries_than_proxies_is_the_socket(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="10.0.0.2")

    assert client_ip(request) == "10.0.0.2"


def test_a_forged_forwarded_for_does_not_escape_the_registration_limit(
    client, settings, two_registrations_an_hour
):
    settings.TRUSTED_PROXY_COUNT = 1
    meeting = MeetingFactory()
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    for n in range(3):
        # Each time another forged address, before the one our proxy appends.
        client.post(
            url,
            registration_data(n),
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7",
        )

    assert Registration.objects.count() == 2


def test_client_ip_falls_back_to_the_socket_address(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = rf.get("/", REMOTE_ADDR="198.51.100.20")

    assert client_ip(request) == "198.51.100.20"


def test_delegation_nomination_shares_the_registration_limit(
    client, two_registrations_an_hour
):
    meeting = MeetingFactory()
    client.post(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug}),
        registration_data(1),
    )
    client.post(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug}),
        registration_data(2),
    )

    response = client.post(
        reverse("delegates:delegation_nominate", kwargs={"meeting_slug": meeting.slug}),
        {},
    )

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_guessing_invitation_codes_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitation_code": "3/h"}
    side_event = SideEventFactory(access=SideEventAccess.INVITATION)
    meeting = side_event.session.meeting
    registration = RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.APPROVED
    )
    url = reverse(
        "side_events:sign_up",
        args=[
            meeting.slug,
            make_registration_token(registration),
            side_event.session.slug,
        ],
    )
    for guess in ("AAAA-1111", "AAAA-1112", "AAAA-1113"):
        client.post(url, {"invitation_code": guess})
    code = InvitationCodeFactory(side_event=side_event)

    response = client.post(url, {"invitation_code": code.code})

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not SideEventSignUp.objects.filter(registration=registration).exists()
