"""Who reads and writes what: the permission matrix of the API's scopes.

Personal data never without its scope; a meeting's token never reaches another
meeting; the programme needs no token at all.
"""

import datetime

import pytest
from django.urls import reverse

from consultation.outbox.models import OutgoingMail
from delegates.enums import RegistrationStatus
from delegates.personal_data import (
    DELEGATION_PERSONAL_FIELDS,
    OUTGOING_MAIL_PERSONAL_FIELDS,
    REGISTRATION_PERSONAL_FIELDS,
)
from tests.api_tokens import api_client, make_token
from tests.factories import (
    CheckInFactory,
    DelegationFactory,
    MeetingFactory,
    QuestionFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

READ_LISTS = ["api-registrations", "api-delegations", "api-check-ins", "api-outbox"]
PROGRAMME = [
    "api-meeting",
    "api-rooms",
    "api-tracks",
    "api-sessions",
    "api-people",
    "api-agenda-items",
    "api-documents",
    "api-side-events",
]
SECRETS = [
    "Wanjiru",
    "Kamau",
    "wanjiru.kamau@example.org",
    "AB1234567",
    "1980-05-17",
    "Peanut allergy",
    "Grace Kamau",
    "Focal Point Name",
    "focal@example.org",
    "Blue badge please",
]


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    delegation = DelegationFactory(
        meeting=meeting,
        focal_point_name="Focal Point Name",
        focal_point_email="focal@example.org",
    )
    registration = RegistrationFactory(
        meeting=meeting,
        given_name="Wanjiru",
        family_name="Kamau",
        email="wanjiru.kamau@example.org",
        passport_number="AB1234567",
        date_of_birth=datetime.date(1980, 5, 17),
        dietary_requirements="Peanut allergy",
        emergency_contact_name="Grace Kamau",
        delegation=delegation,
        status=RegistrationStatus.APPROVED,
    )
    question = QuestionFactory(meeting=meeting)
    registration.answers.create(question=question, text="Blue badge please")
    CheckInFactory(registration=registration)
    OutgoingMail.objects.create(
        to="wanjiru.kamau@example.org",
        from_email="secretariat@example.org",
        kind="approved",
        language="en",
        subject="Wanjiru Kamau, you are approved",
        text_body="Dear Wanjiru Kamau",
        message_id="<1@example.org>",
        next_attempt_at=registration.created_at,
        meeting=meeting,
        registration=registration,
    )
    return meeting


def url(name, meeting, **kwargs):
    return reverse(name, kwargs={"meeting_slug": meeting.slug, **kwargs})


@pytest.mark.parametrize("name", READ_LISTS)
def test_lists_need_a_token(meeting, name):
    response = api_client().get(url(name, meeting))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("name", READ_LISTS)
def test_lists_need_the_registrations_scope(meeting, name):
    _, secret = make_token("check_ins:write", "registrations:write", meeting=meeting)

    response = api_client(secret).get(url(name, meeting))

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "registrations:read" in response.json()["message"]


@pytest.mark.parametrize("name", READ_LISTS)
def test_no_personal_data_without_its_scope(meeting, name):
    _, secret = make_token("registrations:read", meeting=meeting)

    response = api_client(secret).get(url(name, meeting))

    assert response.status_code == 200
    [row] = response.json()["results"]
    personal = {
        *REGISTRATION_PERSONAL_FIELDS,
        *DELEGATION_PERSONAL_FIELDS,
        *OUTGOING_MAIL_PERSONAL_FIELDS,
    }
    assert not personal & set(row)
    text = response.content.decode()
    assert [secret for secret in SECRETS if secret in text] == []


def test_registration_detail_hides_personal_data_without_its_scope(meeting):
    registration = meeting.registrations.get()
    _, secret = make_token("registrations:read", meeting=meeting)

    response = api_client(secret).get(
        url("api-registration", meeting, registration_id=registration.pk)
    )

    assert response.json()["status"] == "approved"
    assert "email" not in response.json()
    assert "Kamau" not in response.content.decode()


def test_personal_data_with_its_scope(meeting):
    _, secret = make_token("registrations:read", "personal_data:read", meeting=meeting)
    client = api_client(secret)

    [registration] = client.get(url("api-registrations", meeting)).json()["results"]
    [delegation] = client.get(url("api-delegations", meeting)).json()["results"]
    [mail] = client.get(url("api-outbox", meeting)).json()["results"]

    assert registration["email"] == "wanjiru.kamau@example.org"
    assert registration["full_name"] == "Wanjiru Kamau"
    assert registration["passport_number"] == "AB1234567"
    assert registration["date_of_birth"] == "1980-05-17"
    assert [answer["value"] for answer in registration["answers"]] == [
        "Blue badge please"
    ]
    assert delegation["focal_point_email"] == "focal@example.org"
    assert mail["to"] == "wanjiru.kamau@example.org"


@pytest.mark.parametrize("name", [*READ_LISTS, "api-registration"])
def test_meeting_token_never_reads_another_meeting(meeting, name):
    other = MeetingFactory()
    registration = RegistrationFactory(meeting=other)
    _, secret = make_token("registrations:read", "personal_data:read", meeting=meeting)
    kwargs = {"registration_id": registration.pk} if name == "api-registration" else {}

    response = api_client(secret).get(url(name, other, **kwargs))

    assert response.status_code == 403
    assert response.json()["code"] == "other_meeting"
    assert registration.email not in response.content.decode()


def test_registration_of_another_meeting_is_not_found_under_this_one(meeting):
    other_registration = RegistrationFactory(meeting=MeetingFactory())
    _, secret = make_token("registrations:read", meeting=meeting)

    response = api_client(secret).get(
        url("api-registration", meeting, registration_id=other_registration.pk)
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_token_for_all_meetings_reads_each(meeting):
    other = MeetingFactory()
    RegistrationFactory(meeting=other)
    _, secret = make_token("registrations:read")
    client = api_client(secret)

    counts = [
        len(client.get(url("api-registrations", each)).json()["results"])
        for each in (meeting, other)
    ]

    assert counts == [1, 1]


@pytest.mark.parametrize("name", PROGRAMME)
def test_programme_is_public(meeting, name):
    response = api_client().get(url(name, meeting))

    assert response.status_code == 200
    assert "Kamau" not in response.content.decode()


def test_unpublished_meeting_has_no_public_programme():
    meeting = MeetingFactory(published=False)

    response = api_client().get(url("api-sessions", meeting))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("name", "scope", "body"),
    [
        ("api-check-ins", "check_ins:write", {"registration": 1}),
        ("api-registrations", "registrations:write", {}),
    ],
)
def test_writes_need_their_scope(meeting, name, scope, body):
    others = {"registrations:read", "personal_data:read", "check_ins:write"}
    others |= {"registrations:write"}
    _, secret = make_token(*sorted(others - {scope}), meeting=meeting)

    response = api_client(secret).post(
        url(name, meeting), body, content_type="application/json"
    )

    assert response.status_code == 403
    assert scope in response.json()["message"]


def test_status_change_needs_the_write_registrations_scope(meeting):
    registration = meeting.registrations.get()
    _, secret = make_token("registrations:read", "check_ins:write", meeting=meeting)

    response = api_client(secret).post(
        url("api-registration-status", meeting, registration_id=registration.pk),
        {"status": "cancelled"},
        content_type="application/json",
    )

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
