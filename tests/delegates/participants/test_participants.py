"""The public list of participants and its CSV download for organisers."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.models import Registration
from delegates.participants.selectors import public_participants
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.kept_pages import later_than_the_recheck, served_early

pytestmark = pytest.mark.django_db

APPROVED = RegistrationStatus.APPROVED


def listed(meeting, **fields):
    return RegistrationFactory(
        meeting=meeting, status=APPROVED, consent_public_list=True, **fields
    )


def list_url(meeting):
    return reverse("participants:list", kwargs={"meeting_slug": meeting.slug})


def csv_url(meeting):
    return reverse("participants:csv", kwargs={"meeting_slug": meeting.slug})


def test_list_groups_member_states_by_country_head_first_then_others():
    meeting = MeetingFactory()
    viet_nam = DelegationFactory(meeting=meeting, country="VN", name="Viet Nam")
    listed(
        meeting, country="VN", delegation=viet_nam, family_name="Anh", role="adviser"
    )
    listed(meeting, country="VN", delegation=viet_nam, family_name="Zung", role="head")
    listed(meeting, country="VN", delegation=viet_nam, family_name="Binh")
    listed(meeting, country="BD", family_name="Islam")
    listed(
        meeting,
        country="",
        category=ParticipantCategory.UN_SYSTEM,
        organisation="UNDP",
        family_name="Bekova",
    )
    listed(
        meeting,
        country="",
        category=ParticipantCategory.IGO,
        organisation="Islamic Development Bank",
        family_name="Haddad",
    )
    listed(
        meeting,
        country="",
        category=ParticipantCategory.CIVIL_SOCIETY,
        organisation="Asia Network",
        family_name="Dorji",
    )

    groups = public_participants(meeting)

    assert [str(group.heading) for group in groups] == [
        "Member States",
        "United Nations system",
        "Intergovernmental organisations",
        "Civil society",
    ]
    states = groups[0].entities
    assert [entity.name for entity in states] == ["Bangladesh", "Viet Nam"]
    assert [p.name.split()[-1] for p in states[1].participants] == [
        "Zung",
        "Binh",
        "Anh",
    ]
    assert states[1].participants[0].role_label == "Head of delegation"


def test_list_leaves_out_the_unapproved_and_those_who_did_not_consent():
    meeting = MeetingFactory()
    listed(meeting, family_name="Listed")
    RegistrationFactory(
        meeting=meeting, status=APPROVED, consent_public_list=False, family_name="Shy"
    )
    RegistrationFactory(meeting=meeting, consent_public_list=True, family_name="Wait")
    listed(MeetingFactory(), family_name="Elsewhere")

    names = [
        participant.name
        for group in public_participants(meeting)
        for entity in group.entities
        for participant in entity.participants
    ]

    assert len(names) == 1
    assert names[0].endswith("Listed")


def test_list_page_never_shows_email_phone_or_passport(client):
    meeting = MeetingFactory()
    listed(
        meeting,
        family_name="Santos",
        email="maria.santos@dfa.example.org",
        phone="+6621234567",
        passport_number="P1234567",
    )

    response = client.get(list_url(meeting))

    html = response.content.decode()
    assert "Santos" in html
    assert "maria.santos" not in html
    assert "+6621234567" not in html
    assert "P1234567" not in html


def test_list_page_escapes_names_with_markup(client):
    meeting = MeetingFactory()
    listed(meeting, family_name="<b>Bold</b>")

    response = client.get(list_url(meeting))

    assert "&lt;b&gt;Bold&lt;/b&gt;" in response.content.decode()


def test_list_page_query_count_is_the_same_for_one_and_many(client):
    meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting, country="TH", name="Thailand")
    listed(meeting, delegation=delegation, role=DelegationRole.HEAD)
    # Each page rendered afresh, not the one kept after the first request.
    cache.clear()
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as one:
        client.get(list_url(meeting))
    for country in ["TH", "ID", "VN", "PH", "FJ"]:
        listed(meeting, country=country)
        listed(
            meeting,
            country="",
            category=ParticipantCategory.IGO,
            organisation=f"IGO {country}",
        )

    cache.clear()
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get(list_url(meeting))

    assert response.content.decode().count("<li>") == 11
    assert len(many) == len(one)


def test_csv_for_an_organiser_lists_the_same_people_without_contact_data(client):
    meeting = MeetingFactory()
    listed(
        meeting,
        given_name="Budi",
        family_name="Santoso",
        email="budi@kemlu.example.org",
        country="ID",
        job_title="=HYPERLINK(1)",
    )
    RegistrationFactory(meeting=meeting, family_name="Unapproved")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(csv_url(meeting))

    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == (
        "Group,Country or organisation,Capacity,Name,Job title,Organisation"
    )
    assert lines[1].startswith("Member States,Indonesia,Delegate,Ms Budi Santoso,")
    assert "'=HYPERLINK(1)" in lines[1]
    assert len(lines) == 2
    assert "budi@kemlu" not in text
    assert response["Content-Disposition"].startswith("attachment;")


def test_csv_for_an_anonymous_visitor_asks_to_log_in(client):
    meeting = MeetingFactory()
    listed(meeting, family_name="Santoso")

    response = client.get(csv_url(meeting))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert b"Santoso" not in response.content


def test_csv_for_staff_without_permission_is_forbidden(client):
    meeting = MeetingFactory()
    listed(meeting, family_name="Santoso")
    client.force_login(UserFactory(is_staff=True))

    response = client.get(csv_url(meeting))

    assert response.status_code == 403
    assert b"Santoso" not in response.content


def test_list_page_offers_the_csv_only_to_organisers(client):
    meeting = MeetingFactory()

    anonymous = client.get(list_url(meeting)).content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    organiser = client.get(list_url(meeting)).content.decode()

    assert csv_url(meeting) not in anonymous
    assert csv_url(meeting) in organiser


def test_list_page_of_an_unpublished_meeting_is_not_found(client):
    meeting = MeetingFactory(published=False)
    listed(meeting, family_name="Hidden")

    response = client.get(list_url(meeting))

    assert response.status_code == 404
    assert b"Hidden" not in response.content


def test_list_page_is_served_whole_without_a_query(
    client, django_assert_max_num_queries
):
    meeting = MeetingFactory()
    listed(meeting, family_name="Santoso")
    first = client.get(list_url(meeting))

    with django_assert_max_num_queries(0):
        again = client.get(list_url(meeting))

    assert served_early(again)
    assert again.content == first.content
    assert "Santoso" in again.content.decode()


def test_list_page_shows_an_approval_in_this_worker_at_once(client):
    meeting = MeetingFactory()
    client.get(list_url(meeting))
    client.get(list_url(meeting))

    listed(meeting, family_name="Santoso")
    after = client.get(list_url(meeting))

    assert "Santoso" in after.content.decode()


def test_list_page_shows_a_withdrawn_consent_from_another_worker_within_a_second(
    client,
):
    meeting = MeetingFactory()
    person = listed(meeting, family_name="Santoso")
    client.get(list_url(meeting))

    # Another worker's change reaches this one only through the database.
    Registration.objects.filter(pk=person.pk).update(
        consent_public_list=False, updated_at=timezone.now()
    )
    within_the_second = client.get(list_url(meeting))
    with later_than_the_recheck():
        after = client.get(list_url(meeting))

    assert "Santoso" in within_the_second.content.decode()
    assert "Santoso" not in after.content.decode()


def test_organiser_never_gets_the_page_kept_for_visitors(client):
    meeting = MeetingFactory()
    client.get(list_url(meeting))
    client.get(list_url(meeting))

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    organiser = client.get(list_url(meeting))
    client.logout()
    visitor = client.get(list_url(meeting))

    assert csv_url(meeting) in organiser.content.decode()
    assert csv_url(meeting) not in visitor.content.decode()
