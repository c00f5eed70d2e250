"""Passport data and exports of personal data: a recent second factor, and a log.

Seeing passport data (the registration's page, visa letters, an export with it)
asks to confirm the second factor when the last confirmation is older than
ACCOUNT_REAUTHENTICATION_TIMEOUT; every export is logged for superusers.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from consultation.signin.models import PersonalDataExport
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory
from tests.staff_sign_in import (
    age_second_factor,
    enrol_authenticator_app,
    totp_code,
)

pytestmark = pytest.mark.django_db

EXPORT_CSV = reverse("admin:delegates_registration_export", args=["csv"])
STALE = 6 * 60


@pytest.fixture
def registrations():
    meeting = MeetingFactory()
    return [
        RegistrationFactory(
            meeting=meeting,
            family_name=name,
            passport_number=number,
            passport_expiry=datetime.date(2031, 6, 30),
            date_of_birth=datetime.date(1975, 3, 4),
            nationality="TH",
            needs_visa_letter=True,
            status="approved",
        )
        for name, number in [("Santoso", "B7654321"), ("Chaiyasit", "AA123456")]
    ]


@pytest.fixture
def organiser_with_app(client, organiser_role_user):
    secret = enrol_authenticator_app(organiser_role_user)
    client.force_login(organiser_role_user)
    return client, secret


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def test_export_with_passport_data_asks_for_the_second_factor_again(
    organiser_with_app, registrations
):
    client, secret = organiser_with_app
    age_second_factor(client, STALE)

    response = client.get(EXPORT_CSV)

    confirm = f"{reverse('mfa_reauthenticate')}?{urlencode({'next': EXPORT_CSV})}"
    assert response["Location"] == confirm
    assert not PersonalDataExport.objects.exists()
    response = client.post(confirm, {"code": totp_code(secret)})
    assert response["Location"] == EXPORT_CSV
    rows = read_csv(client.get(EXPORT_CSV))
    assert {row["Passport number"] for row in rows} == {"B7654321", "AA123456"}


def test_a_recent_confirmation_exports_at_once_and_is_logged(
    organiser_with_app, registrations, organiser_role_user
):
    client, _secret = organiser_with_app

    rows = read_csv(client.get(EXPORT_CSV))

    assert len(rows) == 2
    export = PersonalDataExport.objects.get()
    assert (export.user, export.username, export.rows, export.passport_data) == (
        organiser_role_user,
        "secretariat",
        2,
        True,
    )
    assert export.what == "Registrations (csv)"


def test_an_export_without_passport_data_needs_no_new_confirmation(
    client, viewer_user, registrations
):
    client.force_login(viewer_user)
    age_second_factor(client, STALE)

    rows = read_csv(client.get(EXPORT_CSV))

    assert len(rows) == 2
    assert "Passport number" not in rows[0]
    export = PersonalDataExport.objects.get()
    assert (export.username, export.rows, export.passport_data) == ("viewer", 2, False)


def test_the_registration_page_masks_passport_data_until_confirmed(
    organiser_with_app, registrations
):
    client, _secret = organiser_with_app
    url = reverse("admin:delegates_registration_change", args=[registrations[0].pk])
    assert "B7654321" in client.get(url).content.decode()
    age_second_factor(client, STALE)

    page = client.get(url).content.decode()

    assert "B7654321" not in page
    assert "Confirm your second factor to see them." in page
    assert reverse("mfa_reauthenticate") in page


def test_a_visa_letter_asks_for_the_second_factor_again(
    organiser_with_app, registrations
):
    client, _secret = organiser_with_app
    url = reverse(
        "admin:delegates_registration_visa_letter", args=[registrations[0].pk]
    )
    age_second_factor(client, STALE)

    response = client.get(url)

    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert not PersonalDataExport.objects.exists()


def test_a_visa_letter_is_logged(organiser_with_app, registrations):
    client, _secret = organiser_with_app
    url = reverse(
        "admin:delegates_registration_visa_letter", args=[registrations[0].pk]
    )

    response = client.get(url)

    assert response["Content-Type"] == "application/pdf"
    export = PersonalDataExport.objects.get()
    assert (export.what, export.rows, export.passport_data) == ("Visa letter", 1, True)


def test_the_export_log_is_read_by_superusers_only(
    client, organiser_role_user, registrations
):
    superuser = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(organiser_role_user)
    client.get(EXPORT_CSV)
    log = reverse("admin:signin_personaldataexport_changelist")

    assert client.get(log).status_code == 403
    client.force_login(superuser)
    page = client.get(log).content.decode()
    assert "secretariat" in page and "Registrations (csv)" in page
    assert reverse("admin:signin_personaldataexport_add") not in page
    export = PersonalDataExport.objects.get()
    change = client.get(
        reverse("admin:signin_personaldataexport_change", args=[export.pk])
    ).content.decode()
    assert 'name="_save"' not in change
