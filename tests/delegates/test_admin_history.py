import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegates.enums import RegistrationStatus
from tests.factories import DelegationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")


def history_url(registration):
    return reverse("admin:delegates_registration_history", args=[registration.pk])


def change_form_data(registration, **changes):
    data = {
        "meeting": registration.meeting.pk,
        "honorific": registration.honorific,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "badge_name": registration.badge_name,
        "gender": registration.gender,
        "job_title": registration.job_title,
        "organisation": registration.organisation,
        "email": registration.email,
        "phone": "",
        "category": registration.category,
        "country": registration.country,
        "nationality": "",
        "delegation": "",
        "role": registration.role,
        "arrival_date": "",
        "departure_date": "",
        "dietary_requirements": "",
        "accessibility_requirements": "",
        "passport_number": registration.passport_number,
        "passport_expiry": "",
        "date_of_birth": "",
        "emergency_contact_name": "",
        "emergency_contact_phone": "",
        "consent_privacy": "on",
        "language": registration.language,
        "attendance": registration.attendance,
        "version": registration.updated_at.isoformat(),
    }
    data.update(changes)
    return data


def test_an_organisers_edit_is_recorded_with_who_when_and_what(
    organiser_client, organiser
):
    registration = RegistrationFactory(job_title="Director")

    organiser_client.post(
        reverse("admin:delegates_registration_change", args=[registration.pk]),
        change_form_data(registration, job_title="Director-General"),
    )

    latest = registration.history.latest()
    assert latest.history_user == organiser
    assert latest.history_type == "~"
    assert latest.job_title == "Director-General"
    html = organiser_client.get(history_url(registration)).content.decode()
    assert "Job title" in html
    assert "Director-General" in html
    assert "organiser" in html
    assert 'style="' not in html


def test_bulk_approval_is_recorded_in_the_audit_trail_with_the_organiser(
    organiser_client, organiser
):
    registration = RegistrationFactory()

    organiser_client.post(
        CHANGELIST,
        {"action": "approve_selected", "_selected_action": [registration.pk]},
    )

    latest = registration.history.latest()
    assert latest.status == RegistrationStatus.APPROVED
    assert latest.history_user == organiser
    assert latest.diff_against(latest.prev_record).changed_fields == [
        "status",
        "status_changed_at",
        "status_changed_by",
    ]


def test_delegation_changes_are_recorded_too(organiser):
    delegation = DelegationFactory(seat_quota=5)
    delegation.seat_quota = 8
    delegation.save()

    assert [record.seat_quota for record in delegation.history.all()] == [8, 5]


def test_the_audit_trail_masks_personal_data_for_the_desk(client, desk_user):
    registration = RegistrationFactory(passport_number="FJ7654321")
    registration.passport_number = "FJ1112223"
    registration.save()
    client.force_login(desk_user)

    html = client.get(history_url(registration)).content.decode()

    assert "Passport number" in html
    assert "•••• 4321" in html
    assert "FJ7654321" not in html
    assert "FJ1112223" not in html


def test_the_audit_trail_shows_personal_data_to_organisers(organiser_client):
    registration = RegistrationFactory(passport_number="FJ7654321")
    registration.passport_number = "FJ1112223"
    registration.save()

    html = organiser_client.get(history_url(registration)).content.decode()

    assert "FJ7654321" in html
    assert "FJ1112223" in html


def test_a_past_version_masks_personal_data_for_the_desk(client, desk_user):
    registration = RegistrationFactory(passport_number="FJ7654321")
    version = registration.history.latest()
    client.force_login(desk_user)

    html = client.get(
        reverse(
            "admin:delegates_registration_simple_history",
            args=[registration.pk, version.pk],
        )
    ).content.decode()

    assert registration.family_name in html
    assert "FJ7654321" not in html


def test_history_page_query_count_does_not_grow_with_changes(organiser_client):
    registration = RegistrationFactory(job_title="Adviser 0")
    with CaptureQueriesContext(connection) as few:
        organiser_client.get(history_url(registration))
    for number in range(1, 20):
        registration.job_title = f"Adviser {number}"
        registration.save()

    with CaptureQueriesContext(connection) as many:
        response = organiser_client.get(history_url(registration))

    assert len(response.context["page_obj"].object_list) == 20
    assert len(many) == len(few)


def test_changelist_reads_no_history(organiser_client):
    RegistrationFactory.create_batch(3)

    with CaptureQueriesContext(connection) as queries:
        organiser_client.get(CHANGELIST)

    assert not any("historical" in query["sql"] for query in queries)


def test_organisers_see_a_delegations_history_with_what_changed(organiser_client):
    delegation = DelegationFactory(name="Fiji", seat_quota=3)
    delegation.seat_quota = 5
    delegation.save()

    html = organiser_client.get(
        reverse("admin:delegates_delegation_history", args=[delegation.pk])
    ).content.decode()

    assert re.search(r"Seat quota:</strong>\s*3\s*&nbsp;&rarr;&nbsp;&nbsp;5", html)
    assert 'style="' not in html


def test_a_past_version_can_be_read_but_not_reverted(organiser_client):
    registration = RegistrationFactory(job_title="Adviser")
    version = registration.history.latest()
    registration.job_title = "Director"
    registration.save()
    url = reverse(
        "admin:delegates_registration_simple_history",
        args=[registration.pk, version.pk],
    )

    html = organiser_client.get(url).content.decode()
    response = organiser_client.post(
        url, change_form_data(registration, job_title="Adviser")
    )

    assert "Adviser" in html
    assert 'value="Revert"' not in html
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.job_title == "Director"


@pytest.mark.parametrize("bad_id", ["abc", "1.5", "²", "99999999999999999999"])
@pytest.mark.parametrize("model_name", ["registration", "delegation"])
def test_history_pages_of_a_malformed_id_are_not_found(
    organiser_client, model_name, bad_id
):
    registration = RegistrationFactory(delegation=DelegationFactory())
    obj = registration if model_name == "registration" else registration.delegation
    version = obj.history.latest()
    urls = [
        reverse(f"admin:delegates_{model_name}_history", args=[bad_id]),
        reverse(f"admin:delegates_{model_name}_simple_history", args=[bad_id, 1]),
        reverse(f"admin:delegates_{model_name}_simple_history", args=[obj.pk, bad_id]),
        reverse(
            f"admin:delegates_{model_name}_simple_history", args=[bad_id, version.pk]
        ),
    ]

    statuses = [organiser_client.get(url).status_code for url in urls]

    assert statuses == [404, 404, 404, 404]
