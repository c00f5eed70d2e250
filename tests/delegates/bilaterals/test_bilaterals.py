"""Bilateral meeting rooms: requests, the secretariat's decisions, the room rule."""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from delegates.bilaterals.models import BilateralRequest, BilateralStatus
from delegates.bilaterals.services import (
    BilateralError,
    confirm_bilateral,
    decline_bilateral,
    propose_slot,
    request_bilateral,
)
from delegates.enums import DelegationRole, RegistrationStatus
from delegates.roles import REGISTRATION_DESK
from delegates.tokens import make_delegation_token, make_registration_token
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    meeting_time,
    publish_programme,
)

pytestmark = pytest.mark.django_db


def bilateral_room(meeting, name="Bilateral Room A"):
    return RoomFactory(
        meeting=meeting,
        name=name,
        takes_bilaterals=True,
        bilaterals_from=datetime.time(9),
        bilaterals_until=datetime.time(18),
    )


@pytest.fixture
def two_delegations(meeting):
    return (
        DelegationFactory(meeting=meeting, name="Thailand", language="fr"),
        DelegationFactory(meeting=meeting, name="Indonesia"),
    )


def ask(one, other, *, day=0, hour=13, minutes=45):
    return request_bilateral(
        requested_by=one,
        counterpart=other,
        start=meeting_time(one.meeting, day, hour),
        minutes=minutes,
    )


def request_url(delegation):
    return reverse(
        "delegates:delegation_bilateral_request",
        kwargs={
            "meeting_slug": delegation.meeting.slug,
            "token": make_delegation_token(delegation),
        },
    )


def test_a_focal_point_asks_and_the_other_delegation_is_told(
    client, meeting, two_delegations, django_capture_on_commit_callbacks
):
    thailand, indonesia = two_delegations
    bilateral_room(meeting)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            request_url(thailand),
            {
                "counterpart": indonesia.pk,
                "day": meeting.start_date.isoformat(),
                "start_time": "13:00",
                "minutes": "45",
                "note": "Heads of delegation and two advisers",
            },
        )

    bilateral = BilateralRequest.objects.get()
    assert response.status_code == 302
    assert (bilateral.requested_by, bilateral.counterpart) == (thailand, indonesia)
    assert bilateral.status == BilateralStatus.REQUESTED
    assert bilateral.start == meeting_time(meeting, 0, 13)
    (message,) = mail.outbox
    assert message.to == [indonesia.focal_point_email]
    assert "Thailand asks to meet your delegation" in message.body
    page = client.get(thailand.get_manage_url()).content.decode()
    assert "Indonesia" in page and "Requested" in page


@pytest.mark.parametrize(
    "change, error",
    [
        ({"minutes": "90"}, "Select a valid choice"),
        ({"start_time": "19:30"}, "No bilateral meeting room is open then."),
        ({"day": "1999-01-01"}, "Select a valid choice"),
        ({"counterpart": "999999"}, "Select a valid choice"),
    ],
)
def test_a_request_outside_the_rules_is_refused_on_the_form(
    client, meeting, two_delegations, change, error
):
    thailand, indonesia = two_delegations
    bilateral_room(meeting)
    data = {
        "counterpart": indonesia.pk,
        "day": meeting.start_date.isoformat(),
        "start_time": "13:00",
        "minutes": "45",
        **change,
    }

    response = client.post(request_url(thailand), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not BilateralRequest.objects.exists()


def test_a_delegation_cannot_ask_to_meet_itself(meeting, two_delegations):
    thailand, _ = two_delegations
    bilateral_room(meeting)

    with pytest.raises(BilateralError):
        ask(thailand, thailand)


def test_confirming_holds_the_room_privately_and_invites_both_delegations(
    client, meeting, two_delegations, organiser, django_capture_on_commit_callbacks
):
    thailand, indonesia = two_delegations
    room = bilateral_room(meeting)
    bilateral = ask(thailand, indonesia)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        confirm_bilateral(bilateral, room=room, by=organiser)

    bilateral.refresh_from_db()
    assert bilateral.status == BilateralStatus.CONFIRMED
    assert (bilateral.booking.room, bilateral.booking.published) == (room, False)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [thailand.focal_point_email, indonesia.focal_point_email]
    )
    french = next(m for m in mail.outbox if m.to == [thailand.focal_point_email])
    assert "réunion bilatérale" in french.subject.lower()
    (name, ics, mimetype) = french.attachments[0]
    assert (name, mimetype) == ("invitation.ics", "text/calendar")
    assert "BEGIN:VEVENT" in ics and "Bilateral Room A" in ics
    SessionFactory(meeting=meeting, title="Opening session")
    publish_programme(meeting)
    agenda = client.get(reverse("agenda:agenda", args=[meeting.slug])).content.decode()
    assert "Opening session" in agenda
    assert "Indonesia" not in agenda


def test_a_booking_never_overlaps_a_session_or_another_booking(meeting, organiser):
    room = bilateral_room(meeting)
    one, two, three = (DelegationFactory(meeting=meeting) for _ in range(3))
    SessionFactory(
        meeting=meeting,
        room=room,
        start=meeting_time(meeting, 0, 9),
        end=meeting_time(meeting, 0, 10),
    )
    during_session = ask(one, two, hour=9)
    first = ask(one, three, hour=13)
    overlapping = ask(two, three, hour=13)

    with pytest.raises(BilateralError, match="in use at that time"):
        confirm_bilateral(during_session, room=room, by=organiser)
    confirm_bilateral(first, room=room, by=organiser)
    with pytest.raises(BilateralError, match="in use at that time"):
        confirm_bilateral(overlapping, room=room, by=organiser)

    overlapping.refresh_from_db()
    assert overlapping.status == BilateralStatus.REQUESTED
    assert overlapping.booking is None


@pytest.mark.django_db(transaction=True)
def test_two_organisers_confirming_the_same_slot_at_once_book_it_once():
    meeting = MeetingFactory()
    room = bilateral_room(meeting)
    organiser = UserFactory(is_staff=True, is_superuser=True)
    one, two, three, four = (DelegationFactory(meeting=meeting) for _ in range(4))
    requests = [ask(one, two), ask(three, four)]
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm(bilateral):
        try:
            barrier.wait()
            confirm_bilateral(bilateral, room=room, by=organiser)
            outcomes.append("confirmed")
        except BilateralError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["confirmed", "refused"]
    assert BilateralRequest.objects.filter(status="confirmed").count() == 1
    assert room.sessions.count() == 1


def test_a_proposed_slot_is_booked_when_the_delegation_accepts(
    client, meeting, two_delegations, organiser
):
    thailand, indonesia = two_delegations
    room = bilateral_room(meeting)
    bilateral = ask(thailand, indonesia, hour=13)
    propose_slot(
        bilateral,
        start=meeting_time(meeting, 1, 15),
        minutes=30,
        room=room,
        by=organiser,
        note="The morning is taken by plenaries.",
    )
    accept_url = reverse(
        "delegates:delegation_bilateral_accept",
        kwargs={
            "meeting_slug": meeting.slug,
            "token": make_delegation_token(indonesia),
            "bilateral_id": bilateral.pk,
        },
    )

    assert client.post(accept_url).status_code == 404  # not the requester's link
    client.post(
        accept_url.replace(
            make_delegation_token(indonesia), make_delegation_token(thailand)
        )
    )

    bilateral.refresh_from_db()
    assert bilateral.status == BilateralStatus.CONFIRMED
    assert bilateral.booking.start == meeting_time(meeting, 1, 15)


def test_declining_a_confirmed_booking_frees_its_room(
    meeting, two_delegations, organiser
):
    thailand, indonesia = two_delegations
    room = bilateral_room(meeting)
    bilateral = confirm_bilateral(ask(thailand, indonesia), room=room, by=organiser)

    decline_bilateral(bilateral, by=organiser, note="The heads travel back early.")

    bilateral.refresh_from_db()
    assert bilateral.status == BilateralStatus.DECLINED
    assert not room.sessions.exists()
    with pytest.raises(BilateralError):
        confirm_bilateral(bilateral, room=room, by=organiser)


def test_the_secretariat_decides_from_the_requests_admin_page(
    organiser_client, meeting, two_delegations
):
    thailand, indonesia = two_delegations
    room = bilateral_room(meeting)
    bilateral = ask(thailand, indonesia)
    page = organiser_client.get(
        reverse("admin:delegates_bilateralrequest_change", args=[bilateral.pk])
    )

    response = organiser_client.post(
        reverse("admin:delegates_bilateralrequest_decide", args=[bilateral.pk]),
        {"decision": "confirm", "room": room.pk},
        follow=True,
    )

    assert "Apply the decision" in page.content.decode()
    assert "Confirmed; both delegations are told." in response.content.decode()
    bilateral.refresh_from_db()
    assert bilateral.status == BilateralStatus.CONFIRMED
    room_page = organiser_client.get(
        reverse("admin:agenda_room_change", args=[room.pk])
    ).content.decode()
    assert "Thailand and Indonesia" in room_page


def test_the_desk_shows_the_days_bookings(client, two_delegations, organiser):
    meeting = MeetingFactory(running_today=True)
    room = bilateral_room(meeting)
    thailand, indonesia = (
        DelegationFactory(meeting=meeting, name=n) for n in ("Thailand", "Indonesia")
    )
    later_today = (
        timezone.now()
        .astimezone(meeting.tzinfo)
        .replace(hour=17, minute=0, second=0, microsecond=0)
    )
    bilateral = BilateralRequest.objects.create(
        meeting=meeting,
        requested_by=thailand,
        counterpart=indonesia,
        start=later_today,
        minutes=30,
    )
    from delegates.bilaterals import services

    bilateral.booking = services._hold_room(bilateral, room)
    bilateral.room, bilateral.status = room, BilateralStatus.CONFIRMED
    bilateral.save()
    desk = UserFactory(username="desk-staff", is_staff=True)
    desk.groups.add(Group.objects.get(name=REGISTRATION_DESK))
    client.force_login(desk)

    html = client.get(reverse("desk:desk", args=[meeting.slug])).content.decode()

    assert "Bilateral meetings today" in html
    assert "Bilateral Room A: Thailand and Indonesia" in html


def test_the_head_of_delegation_asks_from_the_private_page(
    client, meeting, two_delegations
):
    thailand, indonesia = two_delegations
    bilateral_room(meeting)
    head = RegistrationFactory(
        meeting=meeting,
        delegation=thailand,
        role=DelegationRole.HEAD,
        status=RegistrationStatus.APPROVED,
    )
    adviser = RegistrationFactory(
        meeting=meeting,
        delegation=thailand,
        role=DelegationRole.ADVISER,
        status=RegistrationStatus.APPROVED,
    )
    url = reverse(
        "delegates:head_bilateral_request",
        args=[meeting.slug, make_registration_token(head)],
    )

    page = client.get(head.get_private_url()).content.decode()
    response = client.post(
        url,
        {
            "counterpart": indonesia.pk,
            "day": meeting.start_date.isoformat(),
            "start_time": "13:00",
            "minutes": "30",
        },
    )

    assert "Ask for a bilateral meeting" in page
    assert response.status_code == 302
    assert BilateralRequest.objects.get().requested_by == thailand
    assert "Ask for a bilateral meeting" not in (
        client.get(adviser.get_private_url()).content.decode()
    )
    adviser_url = reverse(
        "delegates:head_bilateral_request",
        args=[meeting.slug, make_registration_token(adviser)],
    )
    assert client.get(adviser_url).status_code == 404
