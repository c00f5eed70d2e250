import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")


def test_organiser_approves_selected_registrations_with_the_admin_action(
    organiser_client, organiser, django_capture_on_commit_callbacks
):
    submitted = RegistrationFactory.create_batch(2)
    untouched = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            CHANGELIST,
            {
                "action": "approve_selected",
                "_selected_action": [registration.pk for registration in submitted],
            },
            follow=True,
        )

    assert "2 registrations approved." in response.content.decode()
    approved = Registration.objects.filter(status=RegistrationStatus.APPROVED)
    assert set(approved) == set(submitted)
    assert all(registration.status_changed_by == organiser for registration in approved)
    untouched.refresh_from_db()
    assert untouched.status == RegistrationStatus.SUBMITTED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        registration.email for registration in submitted
    )
    assert all("approved" in message.subject for message in mail.outbox)


def test_organiser_rejects_selected_registration(
    organiser_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            CHANGELIST,
            {"action": "reject_selected", "_selected_action": [registration.pk]},
        )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert len(mail.outbox) == 1


def test_approving_a_cancelled_registration_is_skipped_with_a_warning(organiser_client):
    registration = RegistrationFactory(status=RegistrationStatus.CANCELLED)

    response = organiser_client.post(
        CHANGELIST,
        {"action": "approve_selected", "_selected_action": [registration.pk]},
        follow=True,
    )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "could not be approved" in response.content.decode()
    assert mail.outbox == []


def test_changelist_filters_by_status_and_searches_by_name(organiser_client):
    approved = RegistrationFactory(
        family_name="Santoso", status=RegistrationStatus.APPROVED
    )
    RegistrationFactory(family_name="Santos", status=RegistrationStatus.SUBMITTED)

    response = organiser_client.get(
        CHANGELIST, {"status__exact": "approved", "q": "Sant"}
    )

    assert list(response.context["cl"].result_list) == [approved]


def test_changelist_query_count_does_not_grow_with_registrations(organiser_client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(CHANGELIST)
    RegistrationFactory.create_batch(29, meeting=meeting)

    with CaptureQueriesContext(connection) as thirty:
        response = organiser_client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == 30
    assert len(thirty) == len(one)


def test_anonymous_user_cannot_reach_the_registration_admin(client):
    RegistrationFactory(family_name="Chaiyasit")

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
