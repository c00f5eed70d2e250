"""Vetting on the registration's own page: the buttons, their rules, beside them."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.roles import ORGANISER, VIEWER
from tests.factories import (
    CheckInFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventSignUpFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

APPROVED = RegistrationStatus.APPROVED
SUBMITTED = RegistrationStatus.SUBMITTED


def change_url(registration):
    return reverse("admin:delegates_registration_change", args=[registration.pk])


def decide_url(registration):
    return reverse("admin:delegates_registration_decide", args=[registration.pk])


def staff(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def organiser_client(client):
    client.force_login(staff(ORGANISER))
    return client


def buttons(html):
    return [
        name
        for name in ("approve", "waitlist", "reject", "cancel")
        if f'name="decision" value="{name}"' in html
    ]


def test_a_submitted_registration_offers_every_decision(organiser_client):
    registration = RegistrationFactory()

    html = organiser_client.get(change_url(registration)).content.decode()

    assert "Decision: now Submitted" in html
    assert buttons(html) == ["approve", "waitlist", "reject", "cancel"]


def test_an_approved_registration_offers_only_the_moves_allowed(organiser_client):
    registration = RegistrationFactory(status=APPROVED)

    html = organiser_client.get(change_url(registration)).content.decode()

    assert buttons(html) == ["reject", "cancel"]


def test_approving_from_the_page_approves_and_emails(
    organiser_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            decide_url(registration), {"decision": "approve"}, follow=True
        )

    registration.refresh_from_db()
    assert registration.status == APPROVED
    assert f"{registration.full_name}: Approved." in response.content.decode()
    assert [message.to for message in mail.outbox] == [[registration.email]]


def test_rejecting_with_a_reason_tells_the_delegate_why(
    organiser_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            decide_url(registration),
            {"decision": "reject", "reason": "Nominations come through the Mission."},
        )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    (message,) = mail.outbox
    assert "The secretariat adds: Nominations come through the Mission." in (
        message.body
    )


def test_approving_a_full_meeting_waitlists_and_says_so(organiser_client):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting, status=APPROVED)
    registration = RegistrationFactory(meeting=meeting)

    response = organiser_client.post(
        decide_url(registration), {"decision": "approve"}, follow=True
    )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WAITLISTED
    assert "The meeting is full" in response.content.decode()


def test_a_move_not_allowed_is_refused_with_the_reason(organiser_client):
    registration = RegistrationFactory(status=RegistrationStatus.CANCELLED)

    response = organiser_client.post(
        decide_url(registration), {"decision": "approve"}, follow=True
    )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "cannot be approved from" in response.content.decode()


def test_then_next_opens_the_next_registration_awaiting_a_decision(organiser_client):
    meeting = MeetingFactory()
    first, second, third = RegistrationFactory.create_batch(3, meeting=meeting)

    response = organiser_client.post(
        decide_url(first), {"decision": "waitlist", "then_next": "on"}
    )

    assert response["Location"] == change_url(second)
    html = organiser_client.get(change_url(second)).content.decode()
    assert f'href="{change_url(third)}">Next awaiting a decision' in html


def test_a_viewer_sees_no_buttons_and_cannot_decide(client):
    client.force_login(staff(VIEWER))
    registration = RegistrationFactory()

    html = client.get(change_url(registration)).content.decode()
    response = client.post(decide_url(registration), {"decision": "approve"})

    assert buttons(html) == []
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == SUBMITTED


def test_the_page_lists_side_event_places_and_check_ins(organiser_client):
    registration = RegistrationFactory(status=APPROVED)
    SideEventSignUpFactory(
        registration=registration, side_event__session__title="DG Forum"
    )
    CheckInFactory(registration=registration)

    html = organiser_client.get(change_url(registration)).content.decode()

    assert "DG Forum: Seat booked" in html
    assert "Not checked in." not in html
    assert reverse("admin:delegates_registration_badge", args=[registration.pk]) in (
        html
    )


def test_one_badge_opens_from_the_page_once_approved(organiser_client):
    approved = RegistrationFactory(status=APPROVED)
    pending = RegistrationFactory()

    pdf = organiser_client.get(
        reverse("admin:delegates_registration_badge", args=[approved.pk])
    )
    refused = organiser_client.get(
        reverse("admin:delegates_registration_badge", args=[pending.pk]), follow=True
    )

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert "only for an approved registration" in refused.content.decode()


def test_a_visa_letter_opens_only_for_staff_who_may_see_passport_data(client):
    registration = RegistrationFactory(status=APPROVED, needs_visa_letter=True)
    client.force_login(staff(VIEWER))

    response = client.get(
        reverse("admin:delegates_registration_visa_letter", args=[registration.pk])
    )

    assert response.status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_page_and_a_bulk_approval_at_once_never_exceed_capacity():
    meeting = MeetingFactory(capacity=1)
    from_the_page, from_the_list = RegistrationFactory.create_batch(2, meeting=meeting)
    organiser = staff(ORGANISER)
    barrier = threading.Barrier(2)

    def page_decision():
        client = Client()
        client.force_login(organiser)
        barrier.wait()
        client.post(decide_url(from_the_page), {"decision": "approve"})
        connection.close()

    def bulk_approval():
        client = Client()
        client.force_login(organiser)
        barrier.wait()
        client.post(
            reverse("admin:delegates_registration_changelist"),
            {"action": "approve_selected", "_selected_action": [from_the_list.pk]},
        )
        connection.close()

    threads = [threading.Thread(target=job) for job in (page_decision, bulk_approval)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(
        Registration.objects.filter(meeting=meeting).values_list("status", flat=True)
    )
    assert statuses == [APPROVED, RegistrationStatus.WAITLISTED]
