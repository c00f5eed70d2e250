"""The registration list's columns: compact by default, chosen per organiser."""

import pytest
from django.contrib.admin.templatetags.admin_list import results
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegates.enums import RegistrationStatus
from delegates.list_columns.admin import COLUMNS, DEFAULT_COLUMNS, NAME_COLUMNS
from delegates.templatetags.registration_list import rows
from tests.factories import DelegationFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")
COLUMNS_URL = reverse("admin:delegates_registration_columns")
CHOOSABLE = [name for name in COLUMNS if name not in NAME_COLUMNS]


def shown_columns(client, params=None):
    response = client.get(CHANGELIST, params or {})
    assert response.status_code == 200
    return response.context["cl"].list_display[1:]  # after the checkbox


def choose(client, columns, query=""):
    return client.post(COLUMNS_URL, {"columns": columns, "query": query})


def test_list_shows_the_compact_columns_by_default(organiser_client):
    RegistrationFactory(passport_number="AB1234567")

    html = organiser_client.get(CHANGELIST).content.decode()

    assert shown_columns(organiser_client) == DEFAULT_COLUMNS
    assert "AB1234567" not in html
    assert "*****4567" not in html
    assert 'class="list-columns"' in html
    form = organiser_client.get(CHANGELIST).context["columns_form"]
    assert form["columns"].initial == [
        name for name in DEFAULT_COLUMNS if name not in NAME_COLUMNS
    ]
    assert 'name="columns" value="passport_number"' in html


def test_organiser_chooses_more_columns_and_keeps_the_filters(organiser_client):
    RegistrationFactory(job_title="Director of Cooperation", email="ana@example.org")

    response = choose(
        organiser_client,
        ["status_label", "job_title", "email", "country_name"],
        query="status__exact=submitted&o=3&q=ana",
    )

    assert response.status_code == 302
    assert response["Location"] == CHANGELIST + "?status__exact=submitted&q=ana"
    assert shown_columns(organiser_client) == [
        "family_name",
        "given_name",
        "status_label",
        "job_title",
        "email",
        "country_name",
    ]
    html = organiser_client.get(CHANGELIST).content.decode()
    assert "Director of Cooperation" in html
    assert "ana@example.org" in html


def test_names_are_always_shown_as_the_links_to_the_page(organiser_client):
    choose(organiser_client, [])

    assert shown_columns(organiser_client) == ["family_name", "given_name"]


def test_default_columns_come_back_on_request(organiser_client):
    choose(organiser_client, ["email"])

    response = organiser_client.post(COLUMNS_URL, {"columns": ["email"], "reset": "1"})

    assert response["Location"] == CHANGELIST
    assert shown_columns(organiser_client) == DEFAULT_COLUMNS


def test_an_unknown_column_is_refused_with_a_message(organiser_client):
    choose(organiser_client, ["email"])

    response = choose(organiser_client, ["email", "access_key"])

    [message] = get_messages(response.wsgi_request)
    assert "access_key is not one of the available choices" in str(message)
    assert shown_columns(organiser_client) == ["family_name", "given_name", "email"]


def test_the_choice_is_each_organisers_own(organiser_client, organiser_role_user):
    other = Client()
    other.force_login(organiser_role_user)

    choose(organiser_client, ["email"])

    assert shown_columns(other) == DEFAULT_COLUMNS


def test_passport_column_is_masked_for_staff_who_may_not_see_it(
    organiser_client, viewer_user
):
    RegistrationFactory(passport_number="AB1234567")
    masked = Client()
    masked.force_login(viewer_user)

    for client in (organiser_client, masked):
        choose(client, ["passport_number"])
    full_html = organiser_client.get(CHANGELIST).content.decode()
    masked_html = masked.get(CHANGELIST).content.decode()

    assert "AB1234567" in full_html
    assert "AB1234567" not in masked_html
    assert "4567" in masked_html
    assert shown_columns(masked)[-1] == "masked_passport_number"


def test_the_list_goes_back_only_to_itself(organiser_client):
    response = choose(organiser_client, ["email"], query="//evil.example/")

    assert response["Location"].startswith(CHANGELIST + "?")
    assert "evil.example/" not in response["Location"].split("?")[0]


def test_columns_are_chosen_by_posting_only(organiser_client):
    response = organiser_client.get(COLUMNS_URL)

    assert response.status_code == 405


def test_staff_without_the_list_cannot_choose_columns(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="x", is_staff=True))

    response = choose(client, ["email"])

    assert response.status_code == 403


def test_every_column_writes_djangos_own_markup(organiser_client):
    delegation = DelegationFactory(name="Fiji & <Tuvalu>")
    RegistrationFactory(
        meeting=delegation.meeting,
        delegation=delegation,
        needs_visa_letter=True,
        passport_number="FJ7654321",
        photo="photos/a.jpg",
        status=RegistrationStatus.APPROVED,
    )
    RegistrationFactory(organisation="   ", country="")
    choose(organiser_client, CHOOSABLE)

    cl = organiser_client.get(CHANGELIST).context["cl"]

    assert cl.list_display[1:] == COLUMNS
    assert ["".join(row) for row in rows(cl)] == ["".join(row) for row in results(cl)]


@pytest.mark.parametrize("columns", ["default", "all"])
def test_list_query_count_is_the_same_for_1_and_100_registrations(
    organiser_client, columns
):
    if columns == "all":
        choose(organiser_client, CHOOSABLE)
    meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, delegation=delegation, photo="photos/a.jpg")
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(CHANGELIST)
    RegistrationFactory.create_batch(
        99, meeting=meeting, delegation=delegation, photo="photos/b.jpg"
    )

    with CaptureQueriesContext(connection) as hundred:
        response = organiser_client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == 100
    assert len(hundred) == len(one)
    assert len(hundred) <= 9
