"""Lists a client can rely on: cursor pages, filters, ETags and fixed query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from delegates.enums import ParticipantCategory, RegistrationStatus
from delegates.models import Registration
from tests.api_tokens import api_client, make_token
from tests.factories import (
    ChoiceFactory,
    DelegationFactory,
    MeetingFactory,
    QuestionFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def registrations_url(meeting):
    return reverse("api-registrations", kwargs={"meeting_slug": meeting.slug})


@pytest.fixture
def reader(meeting):
    _, secret = make_token("registrations:read", "personal_data:read", meeting=meeting)
    return api_client(secret)


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def test_cursor_pages_walk_every_registration_once(meeting, reader):
    registrations = RegistrationFactory.create_batch(5, meeting=meeting)

    first = reader.get(registrations_url(meeting), {"page_size": 2})
    second = reader.get(first.json()["next"])
    third = reader.get(second.json()["next"])

    assert ids(first) + ids(second) + ids(third) == [r.pk for r in registrations]
    assert third.json()["next"] is None
    assert reader.get(second.json()["previous"]).json() == first.json()


def test_rows_added_while_walking_do_not_shift_the_pages(meeting, reader):
    RegistrationFactory.create_batch(3, meeting=meeting)

    first = reader.get(registrations_url(meeting), {"page_size": 2})
    added = RegistrationFactory(meeting=meeting)
    second = reader.get(first.json()["next"])

    assert ids(second)[-1] == added.pk
    assert len(set(ids(first)) & set(ids(second))) == 0


def test_a_forged_cursor_is_a_json_404(meeting, reader):
    response = reader.get(registrations_url(meeting), {"cursor": "not base64!"})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "approved"}, ["approved"]),
        ({"category": "civil_society"}, ["ngo"]),
        ({"country": "bd"}, ["bangladesh"]),
        ({"status": "approved", "country": "TH"}, ["approved"]),
    ],
)
def test_filters(meeting, reader, query, expected):
    names = {
        "approved": RegistrationFactory(
            meeting=meeting, status=RegistrationStatus.APPROVED, country="TH"
        ),
        "ngo": RegistrationFactory(
            meeting=meeting, category=ParticipantCategory.CIVIL_SOCIETY, country=""
        ),
        "bangladesh": RegistrationFactory(meeting=meeting, country="BD"),
    }
    by_pk = {registration.pk: name for name, registration in names.items()}

    response = reader.get(registrations_url(meeting), query)

    assert [by_pk[pk] for pk in ids(response)] == expected


def test_updated_since_lists_what_changed(meeting, reader):
    old, changed = RegistrationFactory.create_batch(2, meeting=meeting)
    long_ago = timezone.now() - datetime.timedelta(days=3)
    Registration.objects.filter(pk=old.pk).update(updated_at=long_ago)
    since = timezone.now() - datetime.timedelta(hours=1)

    response = reader.get(
        registrations_url(meeting), {"updated_since": since.isoformat()}
    )

    assert ids(response) == [changed.pk]


@pytest.mark.parametrize(
    "query",
    [{"status": "promoted"}, {"updated_since": "yesterday"}, {"page_size": "many"}],
)
def test_bad_filter_values_are_field_errors(meeting, reader, query):
    response = reader.get(registrations_url(meeting), query)

    if "page_size" in query:
        # DRF falls back to the default page size for a page size it cannot read.
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == list(query)


def test_delegations_filter_by_country(meeting, reader):
    thailand = DelegationFactory(meeting=meeting, country="TH")
    DelegationFactory(meeting=meeting, country="BD")

    response = reader.get(
        reverse("api-delegations", kwargs={"meeting_slug": meeting.slug}),
        {"country": "TH"},
    )

    assert ids(response) == [thailand.pk]


# ETags --------------------------------------------------------------------------


def test_unchanged_list_is_304_not_modified(meeting, reader):
    RegistrationFactory(meeting=meeting)
    first = reader.get(registrations_url(meeting))

    again = reader.get(registrations_url(meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_changed_list_has_a_new_etag(meeting, reader):
    registration = RegistrationFactory(meeting=meeting)
    first = reader.get(registrations_url(meeting))
    registration.status = RegistrationStatus.APPROVED
    registration.save()

    again = reader.get(registrations_url(meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.json()["results"][0]["status"] == "approved"


def test_etag_differs_between_scopes(meeting, reader):
    RegistrationFactory(meeting=meeting)
    _, secret = make_token("registrations:read", meeting=meeting)
    with_personal = reader.get(registrations_url(meeting))

    without = api_client(secret).get(
        registrations_url(meeting), HTTP_IF_NONE_MATCH=with_personal["ETag"]
    )

    assert without.status_code == 200
    assert "email" not in without.json()["results"][0]
    assert "Authorization" in without["Vary"]


# Query counts --------------------------------------------------------------------


def answered_registrations(meeting, count):
    question = QuestionFactory(meeting=meeting)
    choice = ChoiceFactory(question__meeting=meeting)
    for registration in RegistrationFactory.create_batch(count, meeting=meeting):
        registration.answers.create(question=question, text="Yes")
        answer = registration.answers.create(question=choice.question)
        answer.choices.add(choice)


@pytest.mark.parametrize("count", [1, 50])
def test_registration_page_query_count_is_fixed(
    meeting, reader, count, django_assert_num_queries
):
    answered_registrations(meeting, count)
    reader.get(registrations_url(meeting))  # records the token's use

    # Token, meeting, registrations, answers with questions, chosen choices, and
    # the record of the export (consultation/signin).
    with django_assert_num_queries(6):
        response = reader.get(registrations_url(meeting))

    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 50])
def test_other_lists_query_count_is_fixed(
    meeting, reader, count, django_assert_num_queries
):
    DelegationFactory.create_batch(
        count, meeting=meeting, category=ParticipantCategory.CIVIL_SOCIETY, country=""
    )
    address = reverse("api-delegations", kwargs={"meeting_slug": meeting.slug})
    reader.get(address)

    # Token, meeting, delegations, and the record of the export.
    with django_assert_num_queries(4):
        response = reader.get(address)

    assert len(response.json()["results"]) == count


def test_another_meetings_rows_never_appear(meeting, reader):
    RegistrationFactory(meeting=MeetingFactory())

    assert ids(reader.get(registrations_url(meeting))) == []
