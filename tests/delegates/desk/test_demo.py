"""Done when: from the demo data, badges print, the desk checks in, a letter opens."""

import io
import math

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from delegates.desk.services import Outcome
from delegates.enums import RegistrationStatus
from delegates.models import CheckIn, Registration
from delegates.tokens import make_badge_code, make_registration_token
from tests.delegates.pdf_helpers import pdf_reader, pdf_text
from tests.factories import CheckInFactory, SideEventSignUpFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return Registration.objects.filter(status=RegistrationStatus.APPROVED)


def test_organiser_prints_badges_for_all_approved_demo_delegates(
    demo, organiser_client
):
    # The demo is hybrid: its approved online participants get no badge.
    approved = list(demo.with_badge())
    online = list(demo.filter(attendance="online"))

    response = organiser_client.post(
        f"{CHANGELIST}?status__exact=approved",
        {
            "action": "print_badges_a4",
            "select_across": "1",
            "_selected_action": [approved[0].pk],
        },
    )

    assert len(pdf_reader(response.content).pages) == math.ceil(len(approved) / 4)
    text = pdf_text(response.content)
    assert all(registration.name_on_badge in text for registration in approved)
    assert online
    assert not any(registration.name_on_badge in text for registration in online)


def test_demo_desk_login_checks_in_by_badge_code(demo, client):
    registration = demo.get(email="li.wei@cidca.example.org")
    client.force_login(get_user_model().objects.get(username="desk"))

    answer = client.post(
        reverse("desk:check_in", args=[registration.meeting.slug]),
        {
            "code": make_badge_code(registration),
            "day": registration.meeting.start_date.isoformat(),
        },
        HTTP_ACCEPT="application/json",
    ).json()

    assert answer["outcome"] == Outcome.CHECKED_IN
    assert CheckIn.objects.get().registration == registration


def test_demo_visa_letter_opens_with_the_right_details(demo, organiser_client, client):
    registration = demo.get(email="li.wei@cidca.example.org")

    from_admin = organiser_client.post(
        CHANGELIST, {"action": "visa_letters", "_selected_action": [registration.pk]}
    )
    from_link = client.get(
        reverse(
            "delegates:own_visa_letter",
            args=[registration.meeting.slug, make_registration_token(registration)],
        )
    )

    for response in (from_admin, from_link):
        text = pdf_text(response.content)
        assert "EA7302215" in text
        assert "12 November 1979" in text
        assert "China" in text
        assert registration.meeting.title in text


def test_statistics_page_shows_attendance_per_day_and_side_event(organiser_client):
    signup = SideEventSignUpFactory(side_event__session__title="DG Forum")
    meeting = signup.registration.meeting
    CheckInFactory(registration=signup.registration)
    CheckInFactory(
        registration=signup.registration,
        side_event=signup.side_event,
        day=signup.side_event.session.start.date(),
    )

    html = organiser_client.get(
        reverse("admin:delegates_participationstatistics_changelist"),
        {"meeting": meeting.pk},
    ).content.decode()

    assert "Attendance (checked in at the desk)" in html
    first_day = meeting.start_date.strftime("%A %-d %B %Y")
    assert f'<th scope="row">{first_day}</th><td>1</td>' in html
    assert '<th scope="row">DG Forum</th><td>1</td><td>1</td>' in html
