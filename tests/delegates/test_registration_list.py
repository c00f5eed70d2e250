"""The registration admin list: its rows, written per column, are Django's own."""

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import results
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.models import Registration
from delegates.templatetags.registration_list import rows
from tests.factories import DelegationFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")


@pytest.fixture
def varied_registrations():
    """Registrations that differ in every column the list shows."""
    meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting, name="Fiji & <Tuvalu>")
    return [
        RegistrationFactory(
            meeting=meeting,
            delegation=delegation,
            role=DelegationRole.HEAD,
            given_name="Losana",
            family_name="O'Tuivaga <b>",
            organisation="Ministry of Foreign Affairs & Trade",
            country="FJ",
            needs_visa_letter=True,
            passport_number="FJ7654321",
            photo="photos/losana.jpg",
            status=RegistrationStatus.APPROVED,
        ),
        RegistrationFactory(
            meeting=meeting,
            country="",
            category=ParticipantCategory.UN_SYSTEM,
            organisation="   ",
            status=RegistrationStatus.WAITLISTED,
        ),
        RegistrationFactory(status=RegistrationStatus.CANCELLED, passport_number="X1"),
    ]


@pytest.mark.parametrize("user_fixture", ["organiser", "desk_user"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status__exact": "approved", "q": "Tuivaga"},
        {"o": "5.-2", "in_delegation": "yes"},
    ],
)
def test_rows_are_djangos_own_markup(
    client, request, user_fixture, params, varied_registrations
):
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.get(CHANGELIST, params)

    cl = response.context["cl"]
    assert len(cl.result_list) >= 1
    ours = ["".join(row) for row in rows(cl)]
    djangos = ["".join(row) for row in results(cl)]
    assert ours == djangos
    assert all(f"<tr>{row}</tr>" in response.content.decode() for row in ours)


def test_rows_link_to_the_change_page_keeping_the_filters(
    organiser_client, varied_registrations
):
    registration = varied_registrations[0]

    html = organiser_client.get(CHANGELIST, {"status__exact": "approved"}).content

    change = reverse("admin:delegates_registration_change", args=[registration.pk])
    assert (
        f'<th class="field-family_name"><a href="{change}?_changelist_filters='
        'status__exact%3Dapproved">O&#x27;Tuivaga &lt;b&gt;</a></th>'
    ) in html.decode()


def test_checkbox_is_the_markup_of_djangos_widget(varied_registrations):
    registration_admin = admin.site.get_model_admin(Registration)
    registration = varied_registrations[0]

    assert registration_admin.action_checkbox(registration) == (
        admin.ModelAdmin.action_checkbox(registration_admin, registration)
    )


def test_popup_list_keeps_djangos_rows(organiser_client, varied_registrations):
    registration = varied_registrations[1]

    html = organiser_client.get(CHANGELIST, {"_popup": "1"}).content.decode()

    assert f'data-popup-opener="{registration.pk}"' in html


def test_list_page_loads_only_the_columns_it_shows(organiser_client):
    RegistrationFactory(phone="+6621234567", accessibility_requirements="Ramp")

    with CaptureQueriesContext(connection) as queries:
        organiser_client.get(CHANGELIST)

    page_query = next(
        query["sql"]
        for query in queries.captured_queries
        if 'FROM "delegates_registration" INNER JOIN "consultation_meeting"'
        in query["sql"]
    )
    assert '"delegates_registration"."phone"' not in page_query
    assert '"delegates_registration"."accessibility_requirements"' not in page_query
    assert '"consultation_meeting"."description"' not in page_query


def test_action_on_the_list_gets_whole_registrations(
    organiser_client, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(phone="+6621234567")

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            CHANGELIST,
            {"action": "approve_selected", "_selected_action": [registration.pk]},
        )

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert str(registration.phone) == "+6621234567"
    assert str(registration.history.first().phone) == "+6621234567"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"meeting__id__exact": "MEETING", "status__exact": "submitted"},
        {"country": "TH", "q": "Lee", "side_event": "1", "in_delegation": "yes"},
    ],
)
def test_filtered_list_query_count_does_not_grow_with_registrations(
    organiser_client, django_assert_max_num_queries, params
):
    meeting = MeetingFactory()
    params = {
        key: str(meeting.pk) if value == "MEETING" else value
        for key, value in params.items()
    }
    delegation = DelegationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, delegation=delegation, photo="photos/a.jpg")
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(CHANGELIST, params)
    RegistrationFactory.create_batch(
        150, meeting=meeting, delegation=delegation, photo="photos/b.jpg"
    )

    with django_assert_max_num_queries(len(one)):
        response = organiser_client.get(CHANGELIST, params)

    assert response.status_code == 200
    assert len(one) <= 11
