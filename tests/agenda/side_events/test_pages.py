import datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agenda.enums import SideEventAccess, SignUpStatus
from agenda.models import SideEvent, SideEventSignUp
from agenda.side_events.services import (
    book_side_event_seat,
    join_side_event,
    set_side_event_capacity,
)
from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.tokens import make_registration_token
from tests.factories import (
    InvitationCodeFactory,
    MeetingFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    meeting_time,
    publish_programme,
)
from tests.kept_pages import later_than_the_recheck, served_early

pytestmark = pytest.mark.django_db


def list_url(meeting):
    return reverse("side_events:list", kwargs={"meeting_slug": meeting.slug})


def sign_up_url(registration, side_event):
    return reverse(
        "side_events:sign_up",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": make_registration_token(registration),
            "session_slug": side_event.session.slug,
        },
    )


def cancel_url(registration, side_event):
    return sign_up_url(registration, side_event) + "cancel/"


def approved(meeting, **kwargs):
    return RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.APPROVED, **kwargs
    )


def test_side_events_page_shows_how_to_join_each_side_event(client):
    meeting = MeetingFactory()
    dg_forum = SideEventFactory(
        meeting=meeting,
        session__title="Inaugural DG Forum",
        session__room=RoomFactory(meeting=meeting, name="Meeting Room G"),
        organiser="UNOSSC and TICA",
        description="A closed-door forum of Directors-General.",
        capacity=25,
        access=SideEventAccess.INVITATION,
    )
    SideEventSignUpFactory.create_batch(3, side_event=dg_forum)
    SideEventFactory(
        meeting=meeting,
        session__title="Heads of delegation breakfast",
        session__start=meeting_time(meeting, 2, 7, 30),
        session__end=meeting_time(meeting, 2, 8, 30),
        access=SideEventAccess.RESTRICTED,
        eligible_roles=[DelegationRole.HEAD],
        capacity=1,
    )
    SideEventSignUpFactory(side_event__session__title="Another meeting's event")
    publish_programme(meeting)

    response = client.get(list_url(meeting))

    html = response.content.decode()
    assert "Inaugural DG Forum" in html
    assert "A closed-door forum of Directors-General." in html
    assert "UNOSSC and TICA" in html
    assert "Meeting Room G" in html
    assert "14:00" in html and "17:00" in html
    assert "22 seats left of 25." in html
    assert "By invitation" in html
    assert "Restricted to: Head of delegation." in html
    assert "1 seat left of 1." in html
    assert "Asia/Bangkok" in html
    assert "Another meeting" not in html
    assert html.index("Inaugural DG Forum") < html.index("Heads of delegation")


def test_side_events_page_renders_the_description_as_markdown(client):
    side_event = SideEventFactory(
        description="Launch of *South-South in Action*.<script>alert(1)</script>"
    )
    publish_programme(side_event.session.meeting)

    html = client.get(list_url(side_event.session.meeting)).content.decode()

    assert "Launch of <em>South-South in Action</em>." in html
    assert "<script>alert(1)" not in html


def test_session_page_of_a_side_event_links_to_how_to_join_it(client):
    side_event = SideEventFactory(session__slug="dg-forum")
    meeting = side_event.session.meeting
    plenary = SessionFactory(meeting=meeting, slug="opening")
    publish_programme(meeting)

    side_event_page = client.get(side_event.session.get_absolute_url())
    plenary_page = client.get(plenary.get_absolute_url())

    how_to_join = f'href="{list_url(meeting)}#side-event-dg-forum"'
    assert how_to_join in side_event_page.content.decode()
    assert 'id="side-event-dg-forum"' in client.get(list_url(meeting)).content.decode()
    assert "#side-event-" not in plenary_page.content.decode()


def test_side_events_page_hides_side_events_off_the_published_agenda(client):
    side_event = SideEventFactory(session__published=False, session__title="Draft")

    response = client.get(list_url(side_event.session.meeting))

    assert "Draft" not in response.content.decode()
    assert "No side events have been announced yet." in response.content.decode()


def test_side_events_page_query_count_is_constant(client):
    few, many = MeetingFactory(), MeetingFactory()
    SideEventFactory(meeting=few)
    for hour in range(8, 20):
        SideEventFactory(
            meeting=many,
            session__start=meeting_time(many, 1, hour),
            session__end=meeting_time(many, 1, hour, 45),
        )
    publish_programme(few)
    publish_programme(many)

    with CaptureQueriesContext(connection) as one_row:
        client.get(list_url(few))
    with CaptureQueriesContext(connection) as many_rows:
        response = client.get(list_url(many))

    assert response.content.decode().count('class="side-event ') == 12
    assert len(one_row) == len(many_rows)


def test_side_events_page_is_rendered_once_per_state(
    client, django_assert_max_num_queries
):
    side_event = SideEventFactory(capacity=25)
    publish_programme(side_event.session.meeting)
    first = client.get(list_url(side_event.session.meeting))

    # The meeting and the side events' state; no rendering.
    with django_assert_max_num_queries(2):
        again = client.get(list_url(side_event.session.meeting))

    assert [t.name for t in first.templates][0] == "agenda/side_events/list.html"
    assert again.templates == []
    assert again.content == first.content
    assert "25 seats left of 25." in again.content.decode()


def test_side_events_page_shows_a_sign_up_on_the_next_request(client):
    side_event = SideEventFactory(capacity=25)
    meeting = side_event.session.meeting
    publish_programme(meeting)
    client.get(list_url(meeting))

    book_side_event_seat(registration=approved(meeting), side_event=side_event)
    after_sign_up = client.get(list_url(meeting))

    assert "24 seats left of 25." in after_sign_up.content.decode()


def test_side_events_page_shows_a_new_capacity_on_the_next_request(client):
    side_event = SideEventFactory(capacity=25)
    meeting = side_event.session.meeting
    publish_programme(meeting)
    client.get(list_url(meeting))

    set_side_event_capacity(side_event=side_event, capacity=40)
    after_change = client.get(list_url(meeting))

    assert "40 seats left of 40." in after_change.content.decode()


def test_side_events_page_shows_another_worker_s_change_within_a_second(client):
    # Another worker's write reaches this one only through the database.
    side_event = SideEventFactory(capacity=25)
    meeting = side_event.session.meeting
    publish_programme(meeting)
    client.get(list_url(meeting))

    SideEvent.objects.filter(pk=side_event.pk).update(seats_taken=25)
    within_the_second = client.get(list_url(meeting))
    with later_than_the_recheck():
        full = client.get(list_url(meeting))
        SideEvent.objects.filter(pk=side_event.pk).update(organiser="UNDP")
    with later_than_the_recheck(seconds=2):
        renamed = client.get(list_url(meeting))

    assert served_early(within_the_second)
    assert "Full: a waiting list is open." not in within_the_second.content.decode()
    assert "Full: a waiting list is open." in full.content.decode()
    assert "UNDP" in renamed.content.decode()


def test_side_events_page_is_served_whole_without_a_query(
    client, django_assert_max_num_queries
):
    side_event = SideEventFactory(session__title="DG Forum")
    publish_programme(side_event.session.meeting)
    client.get(list_url(side_event.session.meeting))

    with django_assert_max_num_queries(0):
        again = client.get(list_url(side_event.session.meeting))

    assert served_early(again)
    assert "DG Forum" in again.content.decode()


def test_side_events_page_shows_a_seat_taken_in_this_worker_at_once(client):
    side_event = SideEventFactory(capacity=1)
    meeting = side_event.session.meeting
    publish_programme(meeting)
    client.get(list_url(meeting))
    client.get(list_url(meeting))

    join_side_event(
        registration=RegistrationFactory(
            meeting=meeting, status=RegistrationStatus.APPROVED
        ),
        side_event=side_event,
    )
    after = client.get(list_url(meeting))

    assert "Full: a waiting list is open." in after.content.decode()


def test_side_events_page_shows_a_new_version_on_the_next_request(client):
    side_event = SideEventFactory(session__title="DG Forum")
    meeting = side_event.session.meeting
    publish_programme(meeting)
    client.get(list_url(meeting))

    side_event.session.title = "Inaugural DG Forum"
    side_event.session.save()
    publish_programme(meeting)
    after_change = client.get(list_url(meeting))

    assert "Inaugural DG Forum" in after_change.content.decode()


def test_private_page_lists_side_events_the_delegate_can_join(client):
    meeting = MeetingFactory()
    open_event = SideEventFactory(
        meeting=meeting, session__title="Open breakfast", capacity=10
    )
    SideEventSignUpFactory.create_batch(4, side_event=open_event)
    SideEventFactory(
        meeting=meeting,
        session__title="Heads only",
        access=SideEventAccess.RESTRICTED,
        eligible_roles=[DelegationRole.HEAD],
    )
    SideEventFactory(
        meeting=meeting,
        session__title="Organisers decide",
        allow_signup_at_registration=False,
    )
    delegate = approved(meeting, role=DelegationRole.DELEGATE)
    publish_programme(meeting)

    response = client.get(delegate.get_private_url())

    html = response.content.decode()
    assert "Open breakfast" in html
    assert "6 seats left." in html
    assert "Heads only" not in html
    assert "Organisers decide" not in html
    assert sign_up_url(delegate, open_event) in html


def test_private_page_of_a_delegate_not_yet_approved_offers_to_ask_for_seats(client):
    side_event = SideEventFactory(session__title="Open breakfast")
    meeting = side_event.session.meeting
    SideEventFactory(
        meeting=meeting,
        session__title="Invited forum",
        access=SideEventAccess.INVITATION,
    )
    delegate = RegistrationFactory(meeting=meeting)
    publish_programme(meeting)

    response = client.get(delegate.get_private_url())

    html = response.content.decode()
    assert "Open breakfast" in html
    assert "Ask for a seat" in html
    assert sign_up_url(delegate, side_event) in html
    assert "Invited forum" not in html


@pytest.mark.parametrize(
    "status", [RegistrationStatus.REJECTED, RegistrationStatus.CANCELLED]
)
def test_private_page_of_a_closed_registration_offers_no_side_events(client, status):
    side_event = SideEventFactory(session__title="Open breakfast")
    delegate = RegistrationFactory(meeting=side_event.session.meeting, status=status)

    response = client.get(delegate.get_private_url())

    assert "Open breakfast" not in response.content.decode()


def test_private_page_shows_the_delegate_s_place_on_the_waiting_list(client):
    side_event = SideEventFactory(capacity=1, session__title="Small forum")
    meeting = side_event.session.meeting
    people = [approved(meeting) for _ in range(3)]
    for person in people:
        book_side_event_seat(registration=person, side_event=side_event)
    publish_programme(meeting)

    response = client.get(people[2].get_private_url())

    html = response.content.decode()
    assert "Waiting list: you are number 2" in html
    assert "Leave the waiting list" in html
    assert cancel_url(people[2], side_event) in html


def test_private_page_query_count_is_constant_in_the_side_events(client):
    few, many = MeetingFactory(), MeetingFactory()
    SideEventFactory(meeting=few)
    for hour in range(8, 20):
        SideEventFactory(
            meeting=many,
            session__start=meeting_time(many, 1, hour),
            session__end=meeting_time(many, 1, hour, 45),
        )
    one_delegate, busy_delegate = approved(few), approved(many)
    for side_event in many.sessions.all():
        book_side_event_seat(
            registration=busy_delegate, side_event=side_event.side_event
        )
    publish_programme(few)
    publish_programme(many)

    with CaptureQueriesContext(connection) as one_row:
        client.get(one_delegate.get_private_url())
    with CaptureQueriesContext(connection) as many_rows:
        response = client.get(busy_delegate.get_private_url())

    assert response.content.decode().count("Give up my seat") == 12
    assert len(one_row) == len(many_rows)


def test_sign_up_from_the_private_link_books_a_seat(client):
    side_event = SideEventFactory(session__title="Open breakfast")
    delegate = approved(side_event.session.meeting)
    publish_programme(side_event.session.meeting)

    response = client.post(sign_up_url(delegate, side_event), follow=True)

    assert "Your seat at “Open breakfast” is booked." in response.content.decode()
    assert "Your seat is booked" in response.content.decode()
    signup = SideEventSignUp.objects.get()
    assert (signup.registration, signup.status) == (delegate, SignUpStatus.BOOKED)


def test_sign_up_from_the_private_link_when_full_joins_the_waiting_list(client):
    side_event = SideEventFactory(capacity=1, session__title="Small forum")
    SideEventSignUpFactory(side_event=side_event)
    delegate = approved(side_event.session.meeting)
    publish_programme(side_event.session.meeting)

    response = client.post(sign_up_url(delegate, side_event), follow=True)

    assert "you are on the waiting list" in response.content.decode()
    assert delegate.side_event_signups.get().status == SignUpStatus.WAITLISTED


def test_sign_up_with_an_invitation_code_from_the_private_link(client):
    code = InvitationCodeFactory(side_event__session__title="DG Forum")
    delegate = approved(code.side_event.session.meeting)
    publish_programme(code.side_event.session.meeting)

    client.post(
        sign_up_url(delegate, code.side_event),
        {"invitation_code": code.code.lower()},
    )

    assert delegate.side_event_signups.get().invitation_code == code


def test_sign_up_with_a_used_code_shows_the_error_and_writes_nothing(client):
    code = InvitationCodeFactory(side_event__session__title="DG Forum")
    meeting = code.side_event.session.meeting
    book_side_event_seat(
        registration=approved(meeting),
        side_event=code.side_event,
        invitation_code=code.code,
    )
    latecomer = approved(meeting)
    publish_programme(meeting)

    response = client.post(
        sign_up_url(latecomer, code.side_event), {"invitation_code": code.code}
    )

    assert "This invitation code has already been used." in response.content.decode()
    assert not latecomer.side_event_signups.exists()


def test_sign_up_by_an_ineligible_delegate_shows_the_rule(client):
    side_event = SideEventFactory(
        access=SideEventAccess.RESTRICTED,
        eligible_categories=[ParticipantCategory.MEMBER_STATE],
    )
    journalist = approved(
        side_event.session.meeting, category=ParticipantCategory.MEDIA
    )
    publish_programme(side_event.session.meeting)

    response = client.post(sign_up_url(journalist, side_event))

    assert "You are not eligible for this side event." in response.content.decode()
    assert "Restricted to: Member State." in response.content.decode()
    assert not SideEventSignUp.objects.exists()


def test_sign_up_after_the_start_shows_that_sign_up_is_closed(client):
    side_event = SideEventFactory()
    session = side_event.session
    session.start = timezone.now() - datetime.timedelta(minutes=5)
    session.end = timezone.now() + datetime.timedelta(hours=2)
    session.save()
    delegate = approved(session.meeting)
    publish_programme(side_event.session.meeting)

    response = client.post(sign_up_url(delegate, side_event))

    assert "already started" in response.content.decode()
    assert not SideEventSignUp.objects.exists()


def test_sign_up_with_a_forged_private_link_is_not_found(client):
    side_event = SideEventFactory()
    delegate = approved(side_event.session.meeting)
    url = sign_up_url(delegate, side_event).replace(
        make_registration_token(delegate), f"{delegate.access_key}:forged"
    )

    response = client.post(url)

    assert response.status_code == 404
    assert not SideEventSignUp.objects.exists()


def test_cancel_from_the_private_link_frees_the_seat(client):
    side_event = SideEventFactory(session__title="Open breakfast")
    delegate = approved(side_event.session.meeting)
    book_side_event_seat(registration=delegate, side_event=side_event)
    publish_programme(side_event.session.meeting)

    response = client.post(cancel_url(delegate, side_event), follow=True)

    assert "You are no longer signed up for “Open breakfast”." in (
        response.content.decode()
    )
    assert not SideEventSignUp.objects.exists()
    side_event.refresh_from_db()
    assert side_event.seats_taken == 0


def test_cancel_from_the_private_link_only_answers_posts(client):
    side_event = SideEventFactory()
    delegate = approved(side_event.session.meeting)
    book_side_event_seat(registration=delegate, side_event=side_event)

    response = client.get(cancel_url(delegate, side_event))

    assert response.status_code == 405
    assert SideEventSignUp.objects.filter(registration=delegate).exists()


def calendar_url(registration):
    return reverse(
        "side_events:calendar",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": make_registration_token(registration),
        },
    )


def test_private_calendar_lists_only_the_side_events_with_a_seat(client):
    meeting = MeetingFactory()
    booked = SideEventFactory(meeting=meeting, session__title="DG Forum")
    full = SideEventFactory(
        meeting=meeting,
        capacity=0,
        session__title="Full breakfast",
        session__start=meeting_time(meeting, 2, 7),
        session__end=meeting_time(meeting, 2, 8),
    )
    SideEventFactory(
        meeting=meeting,
        session__title="Not signed up",
        session__start=meeting_time(meeting, 2, 12),
        session__end=meeting_time(meeting, 2, 13),
    )
    delegate = approved(meeting)
    for side_event in (booked, full):
        book_side_event_seat(registration=delegate, side_event=side_event)
    publish_programme(meeting)

    response = client.get(calendar_url(delegate))

    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["DG Forum"]
    assert events[0].decoded("dtstart") == booked.session.start
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]


def test_private_calendar_with_a_forged_link_is_not_found(client):
    delegate = approved(MeetingFactory())
    url = calendar_url(delegate).replace(
        make_registration_token(delegate), f"{delegate.access_key}:forged"
    )

    response = client.get(url)

    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_a_side_event_takes_sign_ups_only_once_a_version_with_it_is_published(
    client,
):
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting, title="Opening")
    publish_programme(meeting, name="v1")
    side_event = SideEventFactory(meeting=meeting, session__title="Late addition")
    delegate = approved(meeting)

    page = client.get(delegate.get_private_url()).content.decode()
    refused = client.post(sign_up_url(delegate, side_event))

    assert "Late addition" not in page
    assert refused.status_code == 404
    assert not SideEventSignUp.objects.exists()

    publish_programme(meeting, name="v2")

    page = client.get(delegate.get_private_url()).content.decode()
    client.post(sign_up_url(delegate, side_event))

    assert "Late addition" in page
    assert delegate.side_event_signups.get().status == SignUpStatus.BOOKED
