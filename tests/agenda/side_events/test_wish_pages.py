"""Side event wishes as delegates and organisers see them."""

import csv
import io

import pytest
from django.urls import reverse

from agenda.enums import SideEventAccess, SignUpStatus
from agenda.models import SideEventSignUp
from agenda.side_events.services import book_side_event_seat, request_side_event_seats
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from delegates.services import approve_registration
from delegates.tokens import make_registration_token
from tests.factories import RegistrationFactory, SideEventFactory, publish_programme

pytestmark = pytest.mark.django_db


def sign_up_url(registration, side_event):
    return reverse(
        "side_events:sign_up",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": make_registration_token(registration),
            "session_slug": side_event.session.slug,
        },
    )


def wishing(side_event, **fields):
    registration = RegistrationFactory(meeting=side_event.session.meeting, **fields)
    request_side_event_seats(registration=registration, side_events=[side_event])
    return registration


def approved(side_event, **fields):
    return RegistrationFactory(
        meeting=side_event.session.meeting,
        status=RegistrationStatus.APPROVED,
        **fields,
    )


# The delegate's private link


def test_private_page_shows_a_wish_as_requested_until_approval(client):
    side_event = SideEventFactory(session__title="Open breakfast")
    registration = wishing(side_event)
    publish_programme(side_event.session.meeting)

    response = client.get(registration.get_private_url())

    html = response.content.decode()
    assert "Open breakfast" in html
    assert "Requested — confirmed when your registration is approved" in html
    assert "Withdraw my request" in html
    assert sign_up_url(registration, side_event) + "cancel/" in html


def test_delegate_withdraws_a_wish_from_the_private_link(client):
    side_event = SideEventFactory(session__title="Open breakfast")
    registration = wishing(side_event)
    publish_programme(side_event.session.meeting)

    response = client.post(
        sign_up_url(registration, side_event) + "cancel/", follow=True
    )

    assert not SideEventSignUp.objects.exists()
    assert "no longer signed up for “Open breakfast”" in response.content.decode()


def test_delegate_awaiting_approval_asks_for_a_seat_from_the_private_link(client):
    side_event = SideEventFactory(capacity=1, session__title="Open breakfast")
    registration = RegistrationFactory(
        meeting=side_event.session.meeting, status=RegistrationStatus.WAITLISTED
    )
    publish_programme(side_event.session.meeting)

    response = client.post(sign_up_url(registration, side_event), follow=True)

    signup = SideEventSignUp.objects.get()
    assert (signup.registration, signup.status) == (
        registration,
        SignUpStatus.REQUESTED,
    )
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0
    html = response.content.decode()
    assert "Your request for a seat at “Open breakfast” is recorded" in html
    assert "Requested — confirmed when your registration is approved" in html


def test_private_page_shows_a_lapsed_wish_without_a_button(client):
    side_event = SideEventFactory(session__title="Early breakfast")
    registration = wishing(side_event)
    SideEventSignUp.objects.update(status=SignUpStatus.LAPSED)
    Registration.objects.filter(pk=registration.pk).update(
        status=RegistrationStatus.APPROVED
    )
    publish_programme(side_event.session.meeting)

    response = client.get(registration.get_private_url())

    html = response.content.decode()
    assert "Request lapsed" in html
    assert sign_up_url(registration, side_event) + "cancel/" not in html


def test_private_page_shows_the_seat_a_wish_became_after_approval(client, organiser):
    side_event = SideEventFactory(session__title="Open breakfast")
    registration = wishing(side_event)
    approve_registration(registration, by=organiser)
    publish_programme(side_event.session.meeting)

    response = client.get(registration.get_private_url())

    html = response.content.decode()
    assert "Your seat is booked" in html
    assert "Requested — confirmed" not in html


# Organisers


def test_side_event_change_page_lists_wishes_apart_from_attendees_and_waiting(
    organiser_client,
):
    side_event = SideEventFactory(capacity=1)
    book_side_event_seat(
        registration=approved(side_event, family_name="Chaiyasit"),
        side_event=side_event,
    )
    book_side_event_seat(
        registration=approved(side_event, family_name="Santoso"),
        side_event=side_event,
    )
    wishing(side_event, family_name="Nguyen")

    response = organiser_client.get(
        reverse("admin:agenda_sideevent_change", args=[side_event.pk])
    )

    html = response.content.decode()
    attendees = html[html.index("Attendees") : html.index("Waiting list")]
    waiting = html[html.index("Waiting list") : html.index("Seats requested")]
    requested = html[html.index("Seats requested") :]
    assert "Chaiyasit" in attendees and "Nguyen" not in attendees
    assert "Santoso" in waiting and "Nguyen" not in waiting
    assert "Nguyen" in requested and "Santoso" not in requested
    assert "booked when the registration is approved" in requested


def test_side_event_changelist_counts_wishes_in_their_own_column(organiser_client):
    side_event = SideEventFactory(capacity=2, session__title="Open breakfast")
    for _ in range(3):
        wishing(side_event)

    response = organiser_client.get(reverse("admin:agenda_sideevent_changelist"))

    html = response.content.decode()
    assert "0 / 2" in html
    assert '<td class="field-requested_display">3</td>' in html
    assert '<td class="field-waiting_display">0</td>' in html


def test_side_event_exports_leave_wishes_out(organiser_client):
    side_event = SideEventFactory(capacity=5)
    book_side_event_seat(
        registration=approved(side_event, family_name="Chaiyasit"),
        side_event=side_event,
    )
    wishing(side_event, family_name="Nguyen")

    response = organiser_client.get(
        reverse("admin:agenda_sideevent_export", args=[side_event.pk, "attendees"])
    )

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert "Chaiyasit" in str(rows[0])
    assert "Nguyen" not in response.content.decode()


def test_registration_list_filters_by_seat_or_by_wish_at_a_side_event(
    organiser_client,
):
    side_event = SideEventFactory(session__title="Open breakfast")
    seated = approved(side_event)
    book_side_event_seat(registration=seated, side_event=side_event)
    asking = wishing(side_event)
    RegistrationFactory(meeting=side_event.session.meeting)
    changelist = reverse("admin:delegates_registration_changelist")

    seats = organiser_client.get(changelist, {"side_event": side_event.pk})
    wishes = organiser_client.get(
        changelist, {"side_event": f"{side_event.pk}-requested"}
    )

    assert list(seats.context["cl"].result_list) == [seated]
    assert list(wishes.context["cl"].result_list) == [asking]
    html = seats.content.decode()
    assert "Open breakfast" in html and "requested at registration" in html


def test_statistics_page_counts_wishes_beside_seats_and_waiting_list(
    organiser_client,
):
    side_event = SideEventFactory(capacity=4, session__title="Open breakfast")
    book_side_event_seat(registration=approved(side_event), side_event=side_event)
    for _ in range(2):
        wishing(side_event)

    response = organiser_client.get(
        reverse("admin:delegates_participationstatistics_changelist"),
        {"meeting": side_event.session.meeting.pk},
    )

    html = response.content.decode()
    assert "Requested, awaiting approval" in html
    assert (
        '<tr><th scope="row">Open breakfast</th><td>1</td><td>4</td><td>25%</td>'
        "<td>0</td><td>2</td></tr>"
    ) in html


def test_asking_for_an_invitation_only_side_event_before_approval_explains_codes(
    client,
):
    side_event = SideEventFactory(
        access=SideEventAccess.INVITATION, session__title="DG Forum"
    )
    registration = RegistrationFactory(meeting=side_event.session.meeting)
    publish_programme(side_event.session.meeting)

    response = client.post(
        sign_up_url(registration, side_event), {"invitation_code": "ABCD-EFGH"}
    )

    assert response.status_code == 200
    assert (
        "“DG Forum” is by invitation: invitees sign up with their code once their "
        "registration is approved."
    ) in response.content.decode()
    assert not SideEventSignUp.objects.exists()
