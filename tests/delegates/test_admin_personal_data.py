import datetime

import pytest
from django.urls import reverse

from delegates.permissions import mask_passport_number, mask_personal_value
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")
# The list shows passport numbers only to those who choose that column.
COLUMNS = reverse("admin:delegates_registration_columns")


def change_url(registration):
    return reverse("admin:delegates_registration_change", args=[registration.pk])


@pytest.fixture
def traveller():
    return RegistrationFactory(
        given_name="Ana",
        family_name="Tuivaga",
        needs_visa_letter=True,
        passport_number="FJ7654321",
        passport_expiry=datetime.date(2031, 5, 17),
        date_of_birth=datetime.date(1979, 2, 3),
        emergency_contact_name="Losana Tuivaga",
        emergency_contact_phone="+6799901234",
    )


def test_desk_user_sees_the_registration_but_not_the_passport_data(
    client, desk_user, traveller
):
    client.force_login(desk_user)

    html = client.get(change_url(traveller)).content.decode()

    assert "Tuivaga" in html
    assert "FJ7654321" not in html
    assert "•••• 4321" in html
    assert "1979" not in html
    assert "2031" not in html
    assert "Losana" not in html
    assert "+6799901234" not in html
    assert 'name="passport_number"' not in html


def test_organiser_with_the_passport_permission_sees_the_passport_data(
    client, organiser_role_user, traveller
):
    client.force_login(organiser_role_user)

    html = client.get(change_url(traveller)).content.decode()

    assert 'value="FJ7654321"' in html
    assert 'value="1979-02-03"' in html
    assert "Losana Tuivaga" in html


def test_changelist_masks_passport_numbers_for_the_desk(client, desk_user, traveller):
    client.force_login(desk_user)
    client.post(COLUMNS, {"columns": ["passport_number"]})

    html = client.get(CHANGELIST).content.decode()

    assert "Tuivaga" in html
    assert "FJ7654321" not in html
    assert "•••• 4321" in html


def test_changelist_shows_passport_numbers_to_organisers(
    client, organiser_role_user, traveller
):
    client.force_login(organiser_role_user)
    client.post(COLUMNS, {"columns": ["passport_number"]})

    html = client.get(CHANGELIST).content.decode()

    assert "FJ7654321" in html


def test_desk_user_cannot_change_passport_data_by_posting_it(
    client, desk_user, traveller
):
    client.force_login(desk_user)

    response = client.post(change_url(traveller), {"passport_number": "X0000000"})

    traveller.refresh_from_db()
    assert response.status_code == 403
    assert traveller.passport_number == "FJ7654321"


def test_search_does_not_reveal_passport_numbers(client, desk_user, traveller):
    client.force_login(desk_user)

    response = client.get(CHANGELIST, {"q": "FJ7654321"})

    assert list(response.context["cl"].result_list) == []


def test_passport_number_mask_keeps_only_the_last_four_characters():
    assert mask_passport_number("FJ7654321") == "•••• 4321"
    assert mask_passport_number("AB123") == "••••"
    assert mask_passport_number("") == ""


def test_other_personal_values_are_hidden_but_their_absence_shows():
    assert mask_personal_value("date_of_birth", datetime.date(1979, 2, 3)) == "hidden"
    assert mask_personal_value("emergency_contact_name", "") == ""
