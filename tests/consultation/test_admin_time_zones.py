"""Admin pages show and take times in the time zone of the meeting concerned."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    CheckInFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventSignUpFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 14:13 UTC is 21:13 in Bangkok (UTC+7) and 02:13 the next day in Fiji (UTC+12).
MOMENT = datetime.datetime(2026, 12, 1, 14, 13, tzinfo=UTC)
BANGKOK_NOTE = "Times are in the meeting's time zone, Asia/Bangkok."


def test_registration_page_shows_its_times_in_the_meetings_time_zone(
    organiser_client,
):
    registration = RegistrationFactory()
    type(registration).objects.filter(pk=registration.pk).update(created_at=MOMENT)

    page = organiser_client.get(
        reverse("admin:delegates_registration_change", args=[registration.pk])
    ).content.decode()

    assert BANGKOK_NOTE in page
    assert "1 December 2026, 21:13" in page
    assert "9:13 p.m." not in page


def test_registration_list_of_one_meeting_shows_times_in_its_time_zone(
    organiser_client,
):
    fiji = MeetingFactory(time_zone="Pacific/Fiji")
    MeetingFactory()  # another meeting: the list must be filtered to know which
    registration = RegistrationFactory(meeting=fiji)
    type(registration).objects.filter(pk=registration.pk).update(created_at=MOMENT)
    url = reverse("admin:delegates_registration_changelist")
    organiser_client.post(
        reverse("admin:delegates_registration_columns"), {"columns": ["created_at"]}
    )

    filtered = organiser_client.get(f"{url}?meeting__id__exact={fiji.pk}")
    unfiltered = organiser_client.get(url)

    assert "Times are in the meeting's time zone, Pacific/Fiji." in (
        filtered.content.decode()
    )
    assert "2 December 2026, 02:13" in filtered.content.decode()
    assert "Times are in UTC: choose a meeting in the filter" in (
        unfiltered.content.decode()
    )
    assert "1 December 2026, 14:13" in unfiltered.content.decode()


def test_check_in_list_shows_the_time_at_the_door_locally(organiser_client):
    check_in = CheckInFactory()
    type(check_in).objects.filter(pk=check_in.pk).update(at=MOMENT)

    page = organiser_client.get(
        reverse("admin:delegates_checkin_changelist")
    ).content.decode()

    assert BANGKOK_NOTE in page
    assert "1 December 2026, 21:13" in page


def test_side_event_sign_up_page_shows_its_times_locally(organiser_client):
    signup = SideEventSignUpFactory()
    type(signup).objects.filter(pk=signup.pk).update(requested_at=MOMENT)

    page = organiser_client.get(
        reverse("admin:agenda_sideeventsignup_change", args=[signup.pk])
    ).content.decode()

    assert BANGKOK_NOTE in page
    assert "1 December 2026, 21:13" in page


def test_meeting_form_takes_registration_times_in_the_meetings_time_zone(
    organiser_client,
):
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    url = reverse("admin:consultation_meeting_change", args=[meeting.pk])
    page = organiser_client.get(url).content.decode()
    assert BANGKOK_NOTE in page

    data = {
        "main_language": "en",
        "title_en": meeting.title,
        "short_name": meeting.short_name,
        "slug": meeting.slug,
        "organisers_en": meeting.organisers,
        "venue_en": meeting.venue,
        "city": meeting.city,
        "country": "TH",
        "start_date": meeting.start_date.isoformat(),
        "end_date": meeting.end_date.isoformat(),
        "time_zone": "Asia/Bangkok",
        "registration_opens_0": "2026-10-01",
        "registration_opens_1": "09:00",
        "registration_closes_0": "2026-11-30",
        "registration_closes_1": "17:00",
        "attendance_offer": "in_person",
        "bilateral_max_minutes": "60",
        "published": "on",
    }
    response = organiser_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.refresh_from_db()
    assert meeting.registration_opens == datetime.datetime(2026, 10, 1, 2, tzinfo=UTC)
    assert meeting.registration_closes == datetime.datetime(
        2026, 11, 30, 10, tzinfo=UTC
    )


def test_a_new_meetings_times_are_taken_in_the_time_zone_chosen_in_its_form(
    organiser_client,
):
    data = {
        "main_language": "en",
        "title_en": "Pacific Consultation",
        "short_name": "PC",
        "slug": "pacific-2027",
        "organisers_en": "ESCAP",
        "venue_en": "Grand Pacific Hotel",
        "city": "Suva",
        "country": "FJ",
        "start_date": "2027-03-01",
        "end_date": "2027-03-03",
        "time_zone": "Pacific/Fiji",
        "registration_opens_0": "2027-01-04",
        "registration_opens_1": "09:00",
        "registration_closes_0": "2027-02-26",
        "registration_closes_1": "17:00",
        "attendance_offer": "in_person",
        "bilateral_max_minutes": "60",
    }

    response = organiser_client.post(reverse("admin:consultation_meeting_add"), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = type(MeetingFactory.build()).objects.get(slug="pacific-2027")
    # 09:00 in Fiji (UTC+12) is 21:00 UTC the day before.
    assert meeting.registration_opens == datetime.datetime(2027, 1, 3, 21, tzinfo=UTC)
