import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from agenda.models import Room, Session
from consultation.demo.meeting import meeting_start
from consultation.models import Meeting
from delegates.models import Registration

pytestmark = pytest.mark.django_db


def test_demo_command_loads_the_model_meeting_and_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    counts = [model.objects.count() for model in (Meeting, Room, Session, Registration)]

    call_command("load_demo", stdout=io.StringIO())

    assert [
        model.objects.count() for model in (Meeting, Room, Session, Registration)
    ] == counts
    meeting = Meeting.objects.get()
    assert meeting.title == (
        "Regional Consultation on South-South Cooperation in Asia and the Pacific"
    )
    assert meeting.registration_is_open()
    assert len(meeting.days) == 3
    assert meeting.sessions.filter(slug="dg-forum", kind="side_event").exists()
    assert meeting.sessions.filter(title__contains="Chair's Summary").exists()
    # Senior officials from 32 countries, as in the model meeting.
    assert (
        Registration.objects.exclude(country="").values("country").distinct().count()
        == 32
    )


@pytest.mark.parametrize(
    "today, first_day",
    [
        # Today's date: the next late June at least a month away.
        (datetime.date(2026, 12, 2), datetime.date(2027, 6, 22)),
        # Less than a month before late June: the year after.
        (datetime.date(2027, 5, 25), datetime.date(2028, 6, 27)),
        (datetime.date(2027, 5, 20), datetime.date(2027, 6, 22)),
        (datetime.date(2029, 6, 30), datetime.date(2030, 6, 25)),
    ],
)
def test_demo_meeting_is_the_next_late_june_week_a_month_away(today, first_day):
    start = meeting_start(today)

    assert start == first_day
    assert start.weekday() == 1  # Tuesday to Thursday
    assert start.month == (start + datetime.timedelta(days=2)).month == 6
    assert start - today >= datetime.timedelta(days=31)


def test_demo_dg_forum_sits_on_the_last_but_one_day_on_the_sidelines():
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get()

    forum = meeting.sessions.get(slug="dg-forum")

    assert forum.start.astimezone(meeting.tzinfo).date() == meeting.days[-2]


def test_demo_desk_login_sees_visa_registrations_without_passport_numbers():
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    registration = Registration.objects.get(email="rafiqul.islam@erd.example.org")
    desk = get_user_model().objects.get(username="desk")
    client = Client()
    client.force_login(desk)

    html = client.get(
        reverse("admin:delegates_registration_change", args=[registration.pk])
    ).content.decode()

    assert "username 'desk', password 'demo-desk-only'" in output.getvalue()
    assert desk.check_password("demo-desk-only")
    assert registration.needs_visa_letter
    assert "Rafiqul" in html
    assert "EB0456721" not in html
    assert "•••• 6721" in html


def test_demo_organiser_is_an_organiser_not_a_superuser_and_an_admin_login_is():
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    users = get_user_model().objects

    organiser = users.get(username="organiser")
    admin = users.get(username="admin")

    assert not organiser.is_superuser
    assert list(organiser.groups.values_list("name", flat=True)) == ["Organiser"]
    assert organiser.has_perm("delegates.view_passport_data")
    assert not organiser.has_perm("auth.change_user")
    assert admin.is_superuser and admin.check_password("demo-admin-only")
    assert "username 'admin', password 'demo-admin-only'" in output.getvalue()


def test_demo_reloaded_over_an_older_demo_takes_the_superuser_flag_away():
    get_user_model().objects.create_user(
        "organiser", password="demo-organiser-only", is_staff=True, is_superuser=True
    )

    call_command("load_demo", stdout=io.StringIO())

    organiser = get_user_model().objects.get(username="organiser")
    assert not organiser.is_superuser
    assert organiser.check_password("demo-organiser-only")
