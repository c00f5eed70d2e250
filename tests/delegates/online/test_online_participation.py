"""Online participation: the form's choice, no badge or visa letter, the links."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from consultation.models import AttendanceOffer
from delegates.enums import Attendance, RegistrationStatus
from delegates.models import Registration
from delegates.online.services import send_joining_links
from delegates.participants.selectors import meeting_statistics
from delegates.tokens import make_registration_token
from tests.factories import (
    MeetingFactory,
    RegistrationFactory,
    SessionFactory,
    publish_programme,
)

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/opening"


def register_url(meeting):
    return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def private_page(client, registration):
    return client.get(registration.get_private_url()).content.decode()


def own_badge_url(registration):
    return reverse(
        "delegates:own_badge",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": make_registration_token(registration),
        },
    )


@pytest.fixture
def hybrid(meeting):
    meeting.attendance_offer = AttendanceOffer.HYBRID
    meeting.save()
    return meeting


def test_an_in_person_meeting_does_not_ask_and_registers_in_person(
    client, meeting, form_data
):
    html = client.get(register_url(meeting)).content.decode()

    client.post(register_url(meeting), {**form_data, "attendance": "online"})

    assert 'name="attendance"' not in html
    assert Registration.objects.get().attendance == Attendance.IN_PERSON


def test_a_hybrid_meeting_asks_and_registers_an_online_participant(
    client, hybrid, form_data
):
    html = client.get(register_url(hybrid)).content.decode()

    client.post(register_url(hybrid), {**form_data, "attendance": "online"})

    assert 'name="attendance"' in html
    assert 'value="online"' in html
    assert Registration.objects.get().attendance == Attendance.ONLINE


def test_an_online_participant_asking_for_a_visa_letter_is_told_on_the_form(
    client, hybrid, visa_data
):
    response = client.post(register_url(hybrid), {**visa_data, "attendance": "online"})

    assert response.status_code == 200
    assert "An online participant needs no visa support letter" in (
        response.content.decode()
    )
    assert not Registration.objects.exists()


def test_a_tampered_attendance_is_a_field_error(client, hybrid, form_data):
    response = client.post(
        register_url(hybrid), {**form_data, "attendance": "by-pigeon"}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Registration.objects.exists()


def test_an_online_only_meeting_registers_online_and_asks_no_visa_questions(
    client, form_data
):
    meeting = MeetingFactory(attendance_offer=AttendanceOffer.ONLINE)
    html = client.get(register_url(meeting)).content.decode()

    client.post(register_url(meeting), form_data)

    assert 'name="needs_visa_letter"' not in html
    assert 'name="passport_number"' not in html
    assert Registration.objects.get().attendance == Attendance.ONLINE


def test_the_database_refuses_an_online_participant_with_a_visa_letter(meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(
            meeting=meeting, attendance=Attendance.ONLINE, needs_visa_letter=True
        )


def test_an_approved_online_participant_gets_no_badge_but_sees_the_links(
    client, hybrid
):
    SessionFactory(meeting=hybrid, title="Opening session", joining_link=LINK)
    SessionFactory(meeting=hybrid, title="Lunch")
    registration = RegistrationFactory(
        meeting=hybrid,
        attendance=Attendance.ONLINE,
        status=RegistrationStatus.APPROVED,
    )

    html = private_page(client, registration)
    badge = client.get(own_badge_url(registration))

    assert "Download your badge" not in html
    assert "How to join online" in html
    assert f'href="{LINK}"' in html
    assert "Opening session" in html
    assert "Lunch" not in html
    assert badge.status_code == 403
    assert "You take part online, so there is no badge" in badge.content.decode()


@pytest.mark.parametrize(
    "attendance, status",
    [
        (Attendance.ONLINE, RegistrationStatus.SUBMITTED),
        (Attendance.IN_PERSON, RegistrationStatus.APPROVED),
    ],
)
def test_nobody_else_sees_the_joining_links(client, hybrid, attendance, status):
    session = SessionFactory(meeting=hybrid, joining_link=LINK)
    publish_programme(hybrid)
    registration = RegistrationFactory(
        meeting=hybrid, attendance=attendance, status=status
    )
    public = [
        client.get(reverse(name, kwargs=kwargs)).content.decode()
        for name, kwargs in [
            ("agenda:agenda", {"meeting_slug": hybrid.slug}),
            ("agenda:schedule_json", {"meeting_slug": hybrid.slug}),
            ("agenda:agenda_ics", {"meeting_slug": hybrid.slug}),
            (
                "agenda:session_detail",
                {"meeting_slug": hybrid.slug, "session_slug": session.slug},
            ),
        ]
    ]

    assert session.title in public[0]
    assert LINK not in private_page(client, registration)
    assert not any(LINK in page for page in public)


def test_the_approval_email_of_an_online_participant_promises_the_links(
    organiser, hybrid, django_capture_on_commit_callbacks
):
    from delegates.services import change_status

    registration = RegistrationFactory(meeting=hybrid, attendance=Attendance.ONLINE)

    with django_capture_on_commit_callbacks(execute=True):
        change_status(registration, to=RegistrationStatus.APPROVED, by=organiser)

    (message,) = mail.outbox
    assert "take part online" in message.body
    assert "joining links" in message.body
    assert "badge" not in message.body


def test_the_links_are_emailed_once_within_a_day_of_the_first_online_session(
    hybrid, django_capture_on_commit_callbacks
):
    first = SessionFactory(meeting=hybrid, title="Opening session", joining_link=LINK)
    online = RegistrationFactory(
        meeting=hybrid, attendance=Attendance.ONLINE, status=RegistrationStatus.APPROVED
    )
    RegistrationFactory(meeting=hybrid, status=RegistrationStatus.APPROVED)
    RegistrationFactory(meeting=hybrid, attendance=Attendance.ONLINE)  # not approved

    too_early = first.start - datetime.timedelta(hours=30)
    with django_capture_on_commit_callbacks(execute=True):
        early = send_joining_links(now=too_early)
    day_before = first.start - datetime.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_joining_links(now=day_before)
        again = send_joining_links(now=day_before + datetime.timedelta(minutes=5))

    assert (early, sent, again) == (0, 1, 0)
    (message,) = mail.outbox
    assert message.to == [online.email]
    assert LINK in message.body
    assert "Opening session" in message.body
    online.refresh_from_db()
    assert online.joining_link_sent_at == day_before


def test_a_participant_approved_after_the_sessions_began_still_gets_the_links(
    hybrid, django_capture_on_commit_callbacks
):
    SessionFactory(meeting=hybrid, joining_link=LINK)
    later = SessionFactory(
        meeting=hybrid,
        joining_link=LINK + "-2",
        start=timezone.now() + datetime.timedelta(days=30),
        end=timezone.now() + datetime.timedelta(days=30, hours=1),
    )
    RegistrationFactory(
        meeting=hybrid, attendance=Attendance.ONLINE, status=RegistrationStatus.APPROVED
    )

    with django_capture_on_commit_callbacks(execute=True):
        sent = send_joining_links(now=later.start - datetime.timedelta(hours=1))

    assert sent == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_participant_the_links_once():
    meeting = MeetingFactory(attendance_offer=AttendanceOffer.HYBRID)
    session = SessionFactory(meeting=meeting, joining_link=LINK)
    for _ in range(20):
        RegistrationFactory(
            meeting=meeting,
            attendance=Attendance.ONLINE,
            status=RegistrationStatus.APPROVED,
        )
    now = session.start - datetime.timedelta(hours=1)
    barrier = threading.Barrier(2)
    counts = []

    def sweep():
        try:
            barrier.wait()
            counts.append(send_joining_links(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    from consultation.outbox.models import OutgoingMail

    assert sum(counts) == 20
    assert OutgoingMail.objects.filter(kind="joining_links").count() == 20
    assert not Registration.objects.filter(joining_link_sent_at=None).exists()


def test_statistics_and_the_public_list_show_the_split(client, hybrid):
    RegistrationFactory.create_batch(
        2, meeting=hybrid, status=RegistrationStatus.APPROVED, consent_public_list=True
    )
    RegistrationFactory(
        meeting=hybrid,
        attendance=Attendance.ONLINE,
        status=RegistrationStatus.APPROVED,
        consent_public_list=True,
        given_name="Grace",
        family_name="Kapi",
    )

    statistics = meeting_statistics(hybrid)
    html = client.get(
        reverse("participants:list", kwargs={"meeting_slug": hybrid.slug})
    ).content.decode()

    assert [(row.label, row.approved) for row in statistics.by_attendance] == [
        ("In person", 2),
        ("Online", 1),
    ]
    assert "2 listed participants take part in person and 1 online." in html
    assert (
        "Grace Kapi</strong>, Director, Ministry of Foreign Affairs "
        '<span class="text-body-secondary">(online)</span>'
    ) in html
    assert html.count("(online)") == 1


def test_badge_printing_leaves_out_online_participants(organiser_client, hybrid):
    in_person = RegistrationFactory(meeting=hybrid, status=RegistrationStatus.APPROVED)
    online = RegistrationFactory(
        meeting=hybrid, attendance=Attendance.ONLINE, status=RegistrationStatus.APPROVED
    )

    response = organiser_client.post(
        reverse("admin:delegates_registration_changelist"),
        {
            "action": "print_badges_a6",
            "_selected_action": [in_person.pk, online.pk],
        },
        follow=True,
    )

    assert response["Content-Type"] == "application/pdf"
    only_online = organiser_client.post(
        reverse("admin:delegates_registration_changelist"),
        {"action": "print_badges_a6", "_selected_action": [online.pk]},
        follow=True,
    )
    assert "1 selected participant takes part online and gets no badge." in (
        only_online.content.decode()
    )


def test_a_registration_form_can_offer_its_own_participation(client, hybrid, form_data):
    from tests.factories import MeetingFormFactory

    media = MeetingFormFactory(
        meeting=hybrid, slug="media", name="Media", attendance_offer="in_person"
    )
    online_forum = MeetingFormFactory(
        meeting=hybrid,
        slug="online-forum",
        name="Online forum",
        attendance_offer="online",
    )

    def url(form):
        return reverse(
            "delegates:register_form",
            kwargs={"meeting_slug": hybrid.slug, "form_slug": form.slug},
        )

    media_page = client.get(url(media)).content.decode()
    client.post(url(online_forum), {**form_data, "email": "forum@example.org"})
    client.post(url(media), {**form_data, "attendance": "online"})

    assert 'name="attendance"' not in media_page
    assert Registration.objects.get(email="forum@example.org").attendance == "online"
    assert Registration.objects.get(email=form_data["email"]).attendance == (
        "in_person"
    )
