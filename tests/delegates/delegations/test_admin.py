"""Organisers' side of delegations: the admin, credentials, attaching, statistics."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegates.enums import (
    CredentialsStatus,
    DelegationRole,
    Gender,
    ParticipantCategory,
    RegistrationStatus,
)
from delegates.participants.selectors import meeting_statistics
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def delegates_url(delegation):
    return reverse("admin:delegates_delegation_delegates", args=[delegation.pk])


STATISTICS_URL = "/admin/delegates/participationstatistics/"


def test_delegation_change_page_lists_members_head_first(organiser_client):
    delegation = DelegationFactory()
    for family_name, role in [
        ("Azizova", "adviser"),
        ("Zedkowski", "head"),
        ("Bomani", "delegate"),
    ]:
        RegistrationFactory(
            meeting=delegation.meeting,
            delegation=delegation,
            family_name=family_name,
            role=role,
        )

    response = organiser_client.get(
        reverse("admin:delegates_delegation_change", args=[delegation.pk])
    )

    html = response.content.decode()
    assert html.index("Zedkowski") < html.index("Bomani") < html.index("Azizova")
    assert "Delegation view" in html


def test_delegation_changelist_filters_by_credentials_and_shows_seats(
    organiser_client,
):
    meeting = MeetingFactory()
    accepted = DelegationFactory(
        meeting=meeting,
        name="Indonesia",
        country="ID",
        seat_quota=4,
        credentials_status=CredentialsStatus.ACCEPTED,
    )
    RegistrationFactory(meeting=meeting, delegation=accepted, role="head")
    DelegationFactory(meeting=meeting, name="Fiji", country="FJ")

    response = organiser_client.get(
        reverse("admin:delegates_delegation_changelist"),
        {"credentials_status__exact": "accepted"},
    )

    assert [d.name for d in response.context["cl"].result_list] == ["Indonesia"]
    assert "1 / 4" in response.content.decode()


def test_mark_credentials_accepted_records_who_and_when(organiser_client, organiser):
    delegation = DelegationFactory(credentials_status=CredentialsStatus.RECEIVED)

    organiser_client.post(
        reverse("admin:delegates_delegation_changelist"),
        {"action": "mark_credentials_accepted", "_selected_action": [delegation.pk]},
    )

    delegation.refresh_from_db()
    assert delegation.credentials_status == CredentialsStatus.ACCEPTED
    assert delegation.credentials_checked_by == organiser
    assert delegation.credentials_checked_at is not None
    change = delegation.history.latest()
    assert (change.credentials_status, change.history_user) == ("accepted", organiser)


def test_send_focal_point_link_emails_the_manage_link(
    organiser_client, django_capture_on_commit_callbacks
):
    delegation = DelegationFactory(focal_point_email="focal@mission.example.org")

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            reverse("admin:delegates_delegation_changelist"),
            {"action": "send_focal_point_link", "_selected_action": [delegation.pk]},
        )

    assert [message.to for message in mail.outbox] == [["focal@mission.example.org"]]
    assert delegation.get_manage_url() in mail.outbox[0].body


def test_quota_below_the_seats_taken_is_a_form_error(organiser_client):
    delegation = DelegationFactory(name="Thailand", country="TH", seat_quota=3)
    for role in ["head", "delegate"]:
        RegistrationFactory(
            meeting=delegation.meeting, delegation=delegation, role=role
        )

    response = organiser_client.post(
        reverse("admin:delegates_delegation_change", args=[delegation.pk]),
        {
            "meeting": delegation.meeting.pk,
            "name": "Thailand",
            "category": "member_state",
            "country": "TH",
            "seat_quota": "1",
            "focal_point_name": "Focal",
            "focal_point_email": "focal@example.org",
            "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "2",
            "version": delegation.updated_at.isoformat(),
        },
    )

    assert "already has 2 members" in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.seat_quota == 3


def test_delegation_view_attaches_a_delegate_who_registered_alone(organiser_client):
    delegation = DelegationFactory(name="Thailand", country="TH")
    RegistrationFactory(
        meeting=delegation.meeting, delegation=delegation, role="head", family_name="Hd"
    )
    alone = RegistrationFactory(
        meeting=delegation.meeting, country="TH", family_name="Alone"
    )
    RegistrationFactory(meeting=delegation.meeting, country="VN", family_name="Other")

    page = organiser_client.get(delegates_url(delegation)).content.decode()
    response = organiser_client.post(
        delegates_url(delegation),
        {"registration": alone.pk, "role": "alternate"},
        follow=True,
    )

    assert "Alone" in page
    assert "Other" not in page
    alone.refresh_from_db()
    assert (alone.delegation, alone.role) == (delegation, DelegationRole.ALTERNATE)
    assert alone.history.latest().history_user.username == "organiser"
    assert "now belongs to the delegation of Thailand" in response.content.decode()


def test_delegation_view_attach_as_second_head_is_refused(organiser_client):
    delegation = DelegationFactory(name="Thailand", country="TH")
    RegistrationFactory(meeting=delegation.meeting, delegation=delegation, role="head")
    alone = RegistrationFactory(meeting=delegation.meeting, country="TH")

    response = organiser_client.post(
        delegates_url(delegation),
        {"registration": alone.pk, "role": "head"},
        follow=True,
    )

    assert "exactly one head of delegation" in response.content.decode()
    alone.refresh_from_db()
    assert alone.delegation is None


def test_delegation_view_attach_by_a_viewer_is_forbidden(client):
    delegation = DelegationFactory(country="TH")
    alone = RegistrationFactory(meeting=delegation.meeting, country="TH")
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_delegation", "view_registration"]
        )
    )
    client.force_login(viewer)

    page = client.get(delegates_url(delegation))
    response = client.post(
        delegates_url(delegation), {"registration": alone.pk, "role": "delegate"}
    )

    assert "Attach to this delegation" not in page.content.decode()
    assert response.status_code == 403
    alone.refresh_from_db()
    assert alone.delegation is None


def approved(meeting, **fields):
    return RegistrationFactory(
        meeting=meeting, status=RegistrationStatus.APPROVED, **fields
    )


def test_statistics_count_status_category_country_gender_heads_and_credentials():
    meeting = MeetingFactory()
    delegation = DelegationFactory(
        meeting=meeting, country="TH", credentials_status=CredentialsStatus.ACCEPTED
    )
    DelegationFactory(meeting=meeting, country="VN")
    approved(
        meeting, country="TH", gender=Gender.FEMALE, role="head", delegation=delegation
    )
    approved(meeting, country="TH", gender=Gender.MALE)
    approved(meeting, country="ID", gender=Gender.FEMALE)
    approved(
        meeting, country="", category=ParticipantCategory.UN_SYSTEM, gender=Gender.MALE
    )
    RegistrationFactory(meeting=meeting, country="VN", role="head")
    RegistrationFactory(
        meeting=meeting, country="FJ", status=RegistrationStatus.REJECTED
    )
    approved(MeetingFactory(), country="PH")

    statistics = meeting_statistics(meeting)

    assert dict(statistics.by_status) == {
        "Submitted": 1,
        "Approved": 4,
        "Waitlisted": 0,
        "Rejected": 1,
        "Cancelled": 0,
    }
    assert statistics.total == 6
    assert statistics.countries_represented == 2
    assert [(row.label, row.seated, row.approved) for row in statistics.by_country] == [
        ("Indonesia", 1, 1),
        ("Thailand", 2, 2),
        ("Viet Nam", 1, 0),
        ("No country", 1, 1),
    ]
    assert [(row.label, row.approved) for row in statistics.by_category] == [
        ("Member State", 3),
        ("UN system", 1),
    ]
    assert [(row.label, row.approved) for row in statistics.by_gender] == [
        ("Female", 2),
        ("Male", 2),
        ("Prefer not to say", 0),
    ]
    heads = statistics.heads_of_delegation
    assert (heads.seated, heads.approved) == (2, 1)
    assert statistics.delegations == 2
    assert dict(statistics.by_credentials)["Accepted"] == 1
    assert dict(statistics.by_credentials)["Awaited"] == 1


def test_statistics_page_is_on_the_admin_index_and_shows_the_numbers(
    organiser_client,
):
    meeting = MeetingFactory(short_name="SSC")
    approved(meeting, country="TH")

    index = organiser_client.get(reverse("admin:index")).content.decode()
    response = organiser_client.get(STATISTICS_URL, {"meeting": meeting.pk})

    assert STATISTICS_URL in index
    html = response.content.decode()
    assert "1 country represented among approved participants." in html
    assert "Thailand" in html


def test_statistics_page_query_count_is_the_same_for_one_and_many(organiser_client):
    meeting = MeetingFactory()
    approved(meeting, country="TH")
    DelegationFactory(meeting=meeting, country="TH")
    url = f"{STATISTICS_URL}?meeting={meeting.pk}"
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(url)
    for country in ["ID", "VN", "PH", "FJ", "BD"]:
        DelegationFactory(meeting=meeting, country=country)
        approved(meeting, country=country, gender=Gender.FEMALE, role="head")
        RegistrationFactory(meeting=meeting, country=country)

    with CaptureQueriesContext(connection) as many:
        organiser_client.get(url)

    assert len(many) == len(one)


def test_statistics_page_for_staff_without_permission_is_forbidden(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(STATISTICS_URL)

    assert response.status_code == 403


def test_delegation_view_query_count_is_the_same_for_one_and_many(organiser_client):
    delegation = DelegationFactory(country="TH")
    RegistrationFactory(meeting=delegation.meeting, delegation=delegation, role="head")
    RegistrationFactory(meeting=delegation.meeting, country="TH")
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(delegates_url(delegation))
    for _index in range(5):
        RegistrationFactory(meeting=delegation.meeting, delegation=delegation)
        RegistrationFactory(meeting=delegation.meeting, country="TH")

    with CaptureQueriesContext(connection) as many:
        organiser_client.get(delegates_url(delegation))

    assert len(many) == len(one)
