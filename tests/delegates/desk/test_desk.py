import datetime
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda.enums import SignUpStatus
from delegates.desk.services import Outcome, check_in
from delegates.enums import RegistrationStatus
from delegates.models import CheckIn
from delegates.roles import REGISTRATION_DESK
from delegates.tokens import BADGE_SALT, make_badge_code
from tests.factories import (
    CheckInFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

APPROVED = RegistrationStatus.APPROVED
JSON = {"HTTP_ACCEPT": "application/json"}


def desk_user(username="desk"):
    """A member of the Registration desk role, as organisers set desk staff up."""
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=REGISTRATION_DESK))
    return user


@pytest.fixture
def desk_client(client):
    client.force_login(desk_user())
    return client


def desk_url(meeting):
    return reverse("desk:desk", kwargs={"meeting_slug": meeting.slug})


def check_in_url(meeting):
    return reverse("desk:check_in", kwargs={"meeting_slug": meeting.slug})


def scan(client, meeting, code, *, day=None, side_event=None, headers=JSON):
    data = {"code": code, "day": (day or meeting.start_date).isoformat()}
    if side_event:
        data["side_event"] = side_event.pk
    return client.post(check_in_url(meeting), data, **headers)


def test_desk_checks_in_an_approved_delegate_by_badge_code(desk_client):
    registration = RegistrationFactory(
        status=APPROVED, given_name="Budi", family_name="Santoso", country="ID"
    )
    meeting = registration.meeting

    answer = scan(desk_client, meeting, make_badge_code(registration)).json()

    assert answer["outcome"] == Outcome.CHECKED_IN
    assert answer["level"] == "success"
    assert answer["registration"]["name"] == "Ms Budi Santoso"
    assert answer["registration"]["affiliation"] == "Indonesia"
    assert answer["registration"]["status"] == APPROVED
    record = CheckIn.objects.get()
    assert record.registration == registration
    assert record.day == meeting.start_date
    assert record.side_event is None
    assert record.by.username == "desk"


def test_second_scan_on_the_same_day_warns_already_checked_in(desk_client):
    registration = RegistrationFactory(status=APPROVED)
    code = make_badge_code(registration)
    scan(desk_client, registration.meeting, code)

    answer = scan(desk_client, registration.meeting, code).json()

    assert answer["outcome"] == Outcome.ALREADY
    assert answer["level"] == "warning"
    assert "Already checked in" in answer["message"]
    assert CheckIn.objects.count() == 1


def test_scan_on_the_next_day_records_that_day_too(desk_client):
    registration = RegistrationFactory(status=APPROVED)
    meeting = registration.meeting
    code = make_badge_code(registration)
    scan(desk_client, meeting, code)

    second_day = meeting.start_date + datetime.timedelta(days=1)
    answer = scan(desk_client, meeting, code, day=second_day).json()

    assert answer["outcome"] == Outcome.CHECKED_IN
    assert sorted(CheckIn.objects.values_list("day", flat=True)) == [
        meeting.start_date,
        second_day,
    ]


@pytest.mark.parametrize(
    ("status", "outcome", "words"),
    [
        (RegistrationStatus.REJECTED, Outcome.REJECTED, "REJECTED"),
        (RegistrationStatus.CANCELLED, Outcome.CANCELLED, "CANCELLED"),
        (RegistrationStatus.SUBMITTED, Outcome.NOT_APPROVED, "NOT APPROVED"),
        (RegistrationStatus.WAITLISTED, Outcome.NOT_APPROVED, "NOT APPROVED"),
    ],
)
def test_badge_of_a_registration_not_approved_is_refused_loudly(
    desk_client, status, outcome, words
):
    registration = RegistrationFactory(status=status, family_name="Dorji")

    answer = scan(desk_client, registration.meeting, make_badge_code(registration))

    data = answer.json()
    assert data["outcome"] == outcome
    assert data["level"] == "danger"
    assert words in data["message"]
    assert data["registration"]["name"].endswith("Dorji")
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),
        lambda code: "x" + code,
        lambda code: code.split(":")[0],
        lambda code: "https://example.org/not-a-badge",
        lambda code: "",
    ],
    ids=["signature", "token", "unsigned", "other-qr", "empty"],
)
def test_forged_or_tampered_badge_code_is_refused(desk_client, tamper):
    registration = RegistrationFactory(status=APPROVED)

    answer = scan(
        desk_client, registration.meeting, tamper(make_badge_code(registration))
    )

    data = answer.json()
    assert data.get("outcome", "invalid") in (Outcome.FORGED, "invalid")
    assert data["level"] == "danger"
    assert not CheckIn.objects.exists()


def test_forged_code_gets_the_not_a_valid_badge_warning(desk_client):
    registration = RegistrationFactory(status=APPROVED)
    token, signature = make_badge_code(registration).split(":")

    answer = scan(desk_client, registration.meeting, f"{token}:{signature[::-1]}")

    assert answer.json()["outcome"] == Outcome.FORGED
    assert "NOT A VALID BADGE" in answer.json()["message"]
    assert answer.json()["registration"] is None


def test_genuine_code_of_no_registration_is_unknown(desk_client):
    from django.core import signing

    meeting = MeetingFactory()
    code = signing.Signer(salt=BADGE_SALT).sign("a-withdrawn-badge-token")

    answer = scan(desk_client, meeting, code).json()

    assert answer["outcome"] == Outcome.UNKNOWN
    assert "UNKNOWN: a genuine code" in answer["message"]


def test_badge_of_another_meeting_is_refused_with_its_name(desk_client):
    registration = RegistrationFactory(
        status=APPROVED, meeting__title="Asia-Pacific Forum 2025"
    )
    this_meeting = MeetingFactory()

    answer = scan(desk_client, this_meeting, make_badge_code(registration)).json()

    assert answer["outcome"] == Outcome.OTHER_MEETING
    assert "Asia-Pacific Forum 2025" in answer["message"]
    assert answer["registration"] is None
    assert not CheckIn.objects.exists()


def test_day_outside_the_meeting_is_a_form_error(desk_client):
    registration = RegistrationFactory(status=APPROVED)
    meeting = registration.meeting

    answer = scan(
        desk_client,
        meeting,
        make_badge_code(registration),
        day=meeting.end_date + datetime.timedelta(days=1),
    )

    assert answer.status_code == 400
    assert "day" in answer.json()["errors"]
    assert not CheckIn.objects.exists()


def test_desk_user_without_permission_is_refused_with_a_reason(client):
    client.force_login(UserFactory(username="viewer", is_staff=True))
    registration = RegistrationFactory(status=APPROVED)
    meeting = registration.meeting

    page = client.get(desk_url(meeting))
    post = scan(client, meeting, make_badge_code(registration))

    assert page.status_code == 403
    assert "Registration desk role" in page.content.decode()
    assert post.status_code == 403
    assert not CheckIn.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client):
    registration = RegistrationFactory(status=APPROVED)
    meeting = registration.meeting

    page = client.get(desk_url(meeting))
    post = scan(client, meeting, make_badge_code(registration))

    assert page["Location"].startswith(reverse("account_login"))
    assert post["Location"].startswith(reverse("account_login"))
    assert not CheckIn.objects.exists()


def test_check_in_without_a_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk_user())
    registration = RegistrationFactory(status=APPROVED)

    response = scan(client, registration.meeting, make_badge_code(registration))

    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_desk_works_without_javascript(desk_client):
    registration = RegistrationFactory(
        status=APPROVED, given_name="Maria", family_name="Santos"
    )

    response = scan(
        desk_client,
        registration.meeting,
        make_badge_code(registration),
        headers={"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )

    html = response.content.decode()
    assert "Checked in. Welcome!" in html
    assert "Maria Santos" in html
    assert 'data-outcome="checked_in"' in html
    assert CheckIn.objects.count() == 1


def test_desk_page_has_the_scan_field_focused_and_no_inline_script(desk_client):
    meeting = MeetingFactory()

    html = desk_client.get(desk_url(meeting)).content.decode()

    assert 'name="code"' in html and "autofocus" in html
    assert "delegates/desk.js" in html
    assert "<script>" not in html and "onclick" not in html and "style=" not in html


def test_desk_finds_people_by_name_and_checks_in_the_one_picked(desk_client):
    meeting = MeetingFactory()
    wanted = RegistrationFactory(
        meeting=meeting, status=APPROVED, given_name="Thị Hương", family_name="Nguyễn"
    )
    RegistrationFactory(meeting=meeting, given_name="Budi", family_name="Santoso")
    RegistrationFactory(given_name="Thị Hương", family_name="Nguyễn")  # elsewhere

    page = desk_client.get(desk_url(meeting), {"q": "nguyễn"})
    answer = desk_client.post(
        check_in_url(meeting),
        {"registration": wanted.pk, "day": meeting.start_date.isoformat()},
        **JSON,
    ).json()

    html = page.content.decode()
    assert html.count('name="registration"') == 1
    assert "Nguyễn" in html
    assert "Santoso" not in html
    assert answer["outcome"] == Outcome.CHECKED_IN
    assert CheckIn.objects.get().registration == wanted


def test_picking_a_registration_of_another_meeting_is_unknown(desk_client):
    meeting = MeetingFactory()
    foreign = RegistrationFactory(status=APPROVED)

    answer = desk_client.post(
        check_in_url(meeting),
        {"registration": foreign.pk, "day": meeting.start_date.isoformat()},
        **JSON,
    ).json()

    assert answer["outcome"] == Outcome.UNKNOWN
    assert not CheckIn.objects.exists()


def test_desk_never_shows_passport_or_contact_data(desk_client):
    registration = RegistrationFactory(
        status=APPROVED,
        family_name="Raman",
        passport_number="P9988776",
        date_of_birth=datetime.date(1980, 5, 17),
        emergency_contact_name="Anand Raman",
        needs_visa_letter=True,
    )
    meeting = registration.meeting

    answer = scan(desk_client, meeting, make_badge_code(registration))
    page = desk_client.get(desk_url(meeting), {"q": "Raman"})

    for text in (answer.content.decode(), page.content.decode()):
        assert "P9988776" not in text
        assert "1980" not in text
        assert "Anand" not in text
        assert registration.email not in text


def test_side_event_door_lets_in_only_people_with_a_seat(desk_client):
    side_event = SideEventFactory()
    meeting = side_event.session.meeting
    booked = SideEventSignUpFactory(side_event=side_event).registration
    waiting = SideEventSignUpFactory(
        side_event=side_event, status=SignUpStatus.WAITLISTED
    ).registration
    lapsed = SideEventSignUpFactory(
        side_event=side_event, status=SignUpStatus.LAPSED, booked_at=None
    ).registration
    outsider = RegistrationFactory(meeting=meeting, status=APPROVED)

    answers = {
        who: scan(
            desk_client, meeting, make_badge_code(registration), side_event=side_event
        ).json()["outcome"]
        for who, registration in [
            ("booked", booked),
            ("waiting", waiting),
            ("lapsed wish", lapsed),
            ("outsider", outsider),
        ]
    }

    assert answers == {
        "booked": Outcome.CHECKED_IN,
        "waiting": Outcome.SIDE_EVENT_WAITLISTED,
        "lapsed wish": Outcome.NO_SEAT,
        "outsider": Outcome.NO_SEAT,
    }
    record = CheckIn.objects.get()
    assert record.registration == booked
    assert record.side_event == side_event
    assert record.day == meeting.start_date + datetime.timedelta(days=1)


def test_side_event_check_in_is_separate_from_the_day_and_happens_once(desk_client):
    signup = SideEventSignUpFactory()
    side_event, registration = signup.side_event, signup.registration
    meeting = registration.meeting
    code = make_badge_code(registration)
    side_event_day = meeting.start_date + datetime.timedelta(days=1)

    entrance = scan(desk_client, meeting, code, day=side_event_day).json()
    door = scan(desk_client, meeting, code, side_event=side_event).json()
    again = scan(desk_client, meeting, code, side_event=side_event).json()

    assert entrance["outcome"] == Outcome.CHECKED_IN
    assert door["outcome"] == Outcome.CHECKED_IN
    assert again["outcome"] == Outcome.ALREADY
    assert "at this side event" in again["message"]
    assert CheckIn.objects.count() == 2


def test_desk_page_shows_attendance_per_day_and_per_side_event(desk_client):
    signup = SideEventSignUpFactory(side_event__session__title="DG Forum")
    meeting = signup.registration.meeting
    CheckInFactory(registration=signup.registration)
    CheckInFactory(registration__meeting=meeting)
    CheckInFactory(
        registration=signup.registration,
        side_event=signup.side_event,
        day=meeting.start_date + datetime.timedelta(days=1),
    )

    html = desk_client.get(desk_url(meeting)).content.decode()

    first_day = html.split("People checked in, per day", 1)[1]
    assert '<td class="text-end">2</td>' in first_day.split("</tr>")[1]
    assert '<th scope="row">DG Forum</th><td class="text-end">1</td>' in html


def test_desk_page_runs_the_same_queries_for_one_or_many_check_ins(desk_client):
    meeting = MeetingFactory()
    SideEventFactory(meeting=meeting)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = desk_client.get(desk_url(meeting), {"q": "Delegate"})
        assert response.status_code == 200
        return len(queries)

    CheckInFactory(registration__meeting=meeting, registration__given_name="Delegate")
    one = count_queries()
    CheckInFactory.create_batch(
        8, registration__meeting=meeting, registration__given_name="Delegate"
    )
    many = count_queries()

    assert one == many


@pytest.mark.django_db(transaction=True)
def test_two_desks_scanning_one_badge_at_once_record_one_check_in():
    registration = RegistrationFactory(status=APPROVED)
    meeting = registration.meeting
    desks = [desk_user("desk-a"), desk_user("desk-b")]
    code = make_badge_code(registration)
    barrier = threading.Barrier(len(desks))
    outcomes = []

    def desk_scans(user):
        try:
            barrier.wait()
            result = check_in(
                meeting=meeting, by=user, day=meeting.start_date, code=code
            )
            outcomes.append(result.outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=desk_scans, args=(user,)) for user in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == sorted([Outcome.CHECKED_IN, Outcome.ALREADY])
    assert CheckIn.objects.count() == 1


def test_reissued_badge_makes_the_old_code_unknown_and_the_new_one_work(
    desk_client, organiser_client
):
    registration = RegistrationFactory(status=APPROVED)
    meeting = registration.meeting
    old_code = make_badge_code(registration)

    organiser_client.post(
        reverse("admin:delegates_registration_changelist"),
        {"action": "reissue_badges", "_selected_action": [registration.pk]},
    )
    registration.refresh_from_db()
    old = scan(desk_client, meeting, old_code).json()
    new = scan(desk_client, meeting, make_badge_code(registration)).json()

    assert old["outcome"] == Outcome.UNKNOWN
    assert new["outcome"] == Outcome.CHECKED_IN
    assert registration.history.first().history_change_reason == "Badge reissued"


def test_organiser_sees_check_ins_in_the_admin_and_desk_staff_cannot_delete(
    organiser_client, client
):
    check_in_record = CheckInFactory(registration__family_name="Tuivaga")
    client.force_login(desk_user())
    url = reverse("admin:delegates_checkin_changelist")

    organiser_list = organiser_client.get(url).content.decode()
    desk_delete = client.post(
        reverse("admin:delegates_checkin_delete", args=[check_in_record.pk]),
        {"post": "yes"},
    )

    assert "Tuivaga" in organiser_list
    assert desk_delete.status_code == 403
    assert CheckIn.objects.filter(pk=check_in_record.pk).exists()


def test_check_in_admin_list_runs_the_same_queries_for_one_or_many(
    organiser_client,
):
    url = reverse("admin:delegates_checkin_changelist")

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = organiser_client.get(url)
        assert response.status_code == 200
        return len(queries)

    CheckInFactory()
    one = count_queries()
    CheckInFactory.create_batch(5, side_event=SideEventFactory())
    many = count_queries()

    assert one == many


def test_desk_before_the_meeting_says_so_and_chooses_no_day(desk_client):
    meeting = MeetingFactory()  # three weeks ahead

    page = desk_client.get(desk_url(meeting)).content.decode()

    assert "is not a day of this meeting" in page
    assert "Nothing is recorded until you do." in page
    assert '<option value="" selected>Choose the day</option>' in page


def test_desk_on_a_meeting_day_chooses_today(desk_client):
    meeting = MeetingFactory(running_today=True)

    page = desk_client.get(desk_url(meeting)).content.decode()

    assert "is not a day of this meeting" not in page
    assert f'<option value="{meeting.start_date.isoformat()}" selected>' in page


def test_a_scan_before_the_meeting_without_a_day_records_nothing_and_says_why(
    desk_client,
):
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting, status=APPROVED)

    answer = desk_client.post(
        check_in_url(meeting),
        {"code": make_badge_code(registration), "day": ""},
        **JSON,
    )

    assert answer.status_code == 400
    assert answer.json()["errors"]["day"] == [
        "Today is not a day of this meeting: choose the day to record this "
        "check-in for. Nothing was recorded."
    ]
    assert not CheckIn.objects.exists()


def test_a_scan_without_a_day_and_without_javascript_shows_why(desk_client):
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting, status=APPROVED)

    page = desk_client.post(
        check_in_url(meeting), {"code": make_badge_code(registration), "day": ""}
    ).content.decode()

    assert "choose the day to record this check-in for. Nothing was recorded." in page
    assert not CheckIn.objects.exists()


def test_a_check_in_answer_brings_the_latest_check_ins_and_the_counts(desk_client):
    meeting = MeetingFactory(running_today=True)
    registration = RegistrationFactory(
        meeting=meeting, status=APPROVED, given_name="Budi", family_name="Santoso"
    )
    empty = desk_client.get(desk_url(meeting)).content.decode()
    assert "Nobody checked in yet." in empty

    data = scan(desk_client, meeting, make_badge_code(registration)).json()

    assert data["outcome"] == Outcome.CHECKED_IN
    assert "Budi Santoso" in data["recent_html"]
    assert "Nobody checked in yet." not in data["recent_html"]
    first_day = meeting.start_date.strftime("%A %-d %B")
    assert (
        f'<tr><th scope="row">{first_day}</th><td class="text-end">1</td></tr>'
        in data["attendance_html"]
    )


def test_desk_page_offers_sign_out_and_the_admin(desk_client):
    meeting = MeetingFactory()

    page = desk_client.get(desk_url(meeting)).content.decode()

    assert f'<form method="post" action="{reverse("admin:logout")}">' in page
    assert ">Sign out</button>" in page
    assert f'href="{reverse("admin:index")}"' in page


def test_admin_index_links_the_desk_of_current_meetings_for_the_desk_role(
    desk_client,
):
    upcoming = MeetingFactory(short_name="RCSSC")
    long_past = MeetingFactory(
        start_date=datetime.date(2020, 1, 6), end_date=datetime.date(2020, 1, 8)
    )

    page = desk_client.get(reverse("admin:index")).content.decode()

    assert f'<a href="{desk_url(upcoming)}">Desk of RCSSC</a>' in page
    assert desk_url(long_past) not in page


def test_admin_index_offers_no_desk_to_staff_without_the_role(client):
    client.force_login(UserFactory(is_staff=True))
    meeting = MeetingFactory()

    page = client.get(reverse("admin:index")).content.decode()

    assert desk_url(meeting) not in page
