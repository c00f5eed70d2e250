"""The meeting dashboard on the admin index."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultation.outbox.enums import MailStatus
from consultation.outbox.models import OutgoingMail
from consultation.outbox.services import queue_mail
from delegates.enums import RegistrationStatus
from delegates.roles import ORGANISER
from tests.factories import (
    CheckInFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


@pytest.fixture
def organiser_client(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANISER))
    client.force_login(user)
    return client


def test_dashboard_counts_what_needs_doing_with_links_to_the_lists(organiser_client):
    meeting = MeetingFactory(short_name="RCSSC", capacity=10, running_today=True)
    RegistrationFactory.create_batch(3, meeting=meeting)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITLISTED)
    approved = RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.APPROVED, category="member_state"
    )
    CheckInFactory(registration=approved)
    SideEventFactory(meeting=meeting, session__title="DG Forum", capacity=25)

    html = organiser_client.get(INDEX).content.decode()

    changelist = reverse("admin:delegates_registration_changelist")
    assert (
        f'<a href="{changelist}?meeting__id__exact={meeting.pk}&amp;'
        'status__exact=submitted">3 registrations awaiting a decision</a>'
    ) in html
    assert "1 on the waiting list" in html
    assert "1 approved</a> · 9 seats left · 1 country" in html
    assert "1 checked in today" in html
    assert "Member State</a></th><td>1</td></tr>" in html
    assert "DG Forum</a></th><td>0 / 25</td><td>0</td>" in html
    assert f'href="{meeting.get_absolute_url()}">Public site</a>' in html


def test_approved_by_category_and_country_link_to_the_filtered_list(
    organiser_client,
):
    meeting = MeetingFactory()
    for country, category in [("TH", "member_state"), ("TH", "member_state")] + [
        ("FJ", "member_state"),
        ("FJ", "igo"),
    ]:
        RegistrationFactory(
            meeting=meeting,
            status=RegistrationStatus.APPROVED,
            country=country,
            category=category,
        )
    RegistrationFactory(meeting=meeting, country="VN", category="member_state")

    html = organiser_client.get(INDEX).content.decode()

    approved = (
        f"{reverse('admin:delegates_registration_changelist')}"
        f"?meeting__id__exact={meeting.pk}&amp;status__exact=approved"
    )
    assert (
        f'<a href="{approved}&amp;category__exact=member_state">Member State</a>'
        "</th><td>3</td>"
    ) in html
    assert f'<a href="{approved}&amp;country=TH">Thailand</a></th><td>2</td>' in html
    assert f'<a href="{approved}&amp;country=FJ">Fiji</a></th><td>2</td>' in html
    assert "country=VN" not in html


def test_the_dashboard_links_filter_the_list_as_they_say(organiser_client):
    meeting = MeetingFactory()
    thai = RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.APPROVED, country="TH"
    )
    RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.APPROVED, country="FJ"
    )
    RegistrationFactory(meeting=meeting, country="TH")
    changelist = reverse("admin:delegates_registration_changelist")

    response = organiser_client.get(
        f"{changelist}?meeting__id__exact={meeting.pk}&status__exact=approved"
        "&country=TH"
    )

    assert list(response.context["cl"].queryset) == [thai]


def test_dashboard_counts_emails_that_were_not_delivered(organiser_client):
    meeting = MeetingFactory()
    for address in ("bounced@example.org", "gone@example.org"):
        queue_mail(
            to=address,
            kind="approved",
            subject="Registration approved",
            text_body="Dear delegate,",
            meeting=meeting,
        )
    OutgoingMail.objects.update(
        status=MailStatus.GIVEN_UP, attempts=12, last_error="550 No such user"
    )

    html = organiser_client.get(INDEX).content.decode()

    outbox = reverse("admin:outbox_outgoingmail_changelist")
    assert (
        f'<a href="{outbox}?meeting__id__exact={meeting.pk}&amp;status__exact='
        'given_up">2 emails not delivered</a>'
    ) in html


def test_dashboard_leaves_out_meetings_long_past(organiser_client):
    MeetingFactory(
        short_name="OLD",
        start_date=datetime.date(2020, 1, 6),
        end_date=datetime.date(2020, 1, 8),
    )

    html = organiser_client.get(INDEX).content.decode()

    assert "OLD ·" not in html


def test_staff_without_access_to_registrations_see_no_dashboard(client):
    client.force_login(UserFactory(is_staff=True))
    MeetingFactory(short_name="RCSSC")

    html = client.get(INDEX).content.decode()

    assert "meeting-dashboard" not in html


def test_dashboard_queries_do_not_grow_with_the_registrations(organiser_client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    with CaptureQueriesContext(connection) as few:
        organiser_client.get(INDEX)
    RegistrationFactory.create_batch(
        30, meeting=meeting, status=RegistrationStatus.APPROVED
    )
    SideEventFactory.create_batch(3, meeting=meeting)

    with CaptureQueriesContext(connection) as many:
        organiser_client.get(INDEX)

    assert len(many) == len(few)
