"""The focal point manages the delegation from a private link."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from delegates.delegations.services import (
    add_delegation_members,
    attach_registration,
    withdraw_delegation_member,
)
from delegates.enums import CredentialsStatus, DelegationRole, RegistrationStatus
from delegates.models import Registration
from delegates.services import RegistrationError
from delegates.tokens import make_delegation_token, make_registration_token
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    pdf_upload,
)
from tests.locks import row_locked_elsewhere
from tests.pdfs import pdf_with_javascript

pytestmark = pytest.mark.django_db


def delegation_with_head(**fields):
    delegation = DelegationFactory(**fields)
    head = RegistrationFactory(
        meeting=delegation.meeting,
        delegation=delegation,
        role=DelegationRole.HEAD,
        family_name="Wong",
    )
    return delegation, head


def member_row(index, **fields):
    values = {
        "role": "delegate",
        "honorific": "ms",
        "given_name": f"Given{index}",
        "family_name": f"Family{index}",
        "job_title": "Counsellor",
        "organisation": "Permanent Mission",
        "email": f"new{index}@mission.example.org",
        "gender": "female",
        **fields,
    }
    return {f"members-{index}-{name}": value for name, value in values.items()}


def add_form(*rows):
    data = {"members-TOTAL_FORMS": str(len(rows)), "members-INITIAL_FORMS": "0"}
    for row in rows:
        data.update(row)
    return data


def member_data(index, role=DelegationRole.DELEGATE):
    return {
        "role": role,
        "honorific": "mr",
        "given_name": f"Given{index}",
        "family_name": f"Family{index}",
        "job_title": "Adviser",
        "organisation": "Ministry",
        "email": f"member{index}@example.org",
        "gender": "male",
        "consent_public_list": False,
    }


def test_manage_page_lists_members_head_first_in_protocol_order(client):
    delegation, head = delegation_with_head()
    meeting = delegation.meeting
    RegistrationFactory(
        meeting=meeting, delegation=delegation, role="adviser", family_name="Aziz"
    )
    RegistrationFactory(
        meeting=meeting, delegation=delegation, role="alternate", family_name="Zed"
    )

    response = client.get(delegation.get_manage_url())

    html = response.content.decode()
    assert html.index("Wong") < html.index("Zed") < html.index("Aziz")


def test_manage_page_with_a_forged_link_is_not_found(client):
    delegation = DelegationFactory()
    forged = f"{delegation.access_key}:forged-signature"

    response = client.get(
        reverse(
            "delegates:delegation_manage",
            kwargs={"meeting_slug": delegation.meeting.slug, "token": forged},
        )
    )

    assert response.status_code == 404
    assert delegation.name not in response.content.decode()


def test_manage_page_with_another_meetings_slug_is_not_found(client):
    delegation = DelegationFactory()
    other_meeting = MeetingFactory()

    response = client.get(
        reverse(
            "delegates:delegation_manage",
            kwargs={
                "meeting_slug": other_meeting.slug,
                "token": make_delegation_token(delegation),
            },
        )
    )

    assert response.status_code == 404


def test_manage_page_with_a_delegates_own_link_is_not_found(client):
    registration = RegistrationFactory(access_key="shared-key")
    DelegationFactory(meeting=registration.meeting, access_key="shared-key")

    response = client.get(
        reverse(
            "delegates:delegation_manage",
            kwargs={
                "meeting_slug": registration.meeting.slug,
                "token": make_registration_token(registration),
            },
        )
    )

    assert response.status_code == 404


def test_manage_add_member_registers_and_emails_them(
    client, django_capture_on_commit_callbacks
):
    delegation, head = delegation_with_head(seat_quota=3)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            delegation.get_manage_url(), add_form(member_row(0)), follow=True
        )

    added = Registration.objects.get(email="new0@mission.example.org")
    assert added.delegation == delegation
    assert added.country == delegation.country
    assert added.status == RegistrationStatus.SUBMITTED
    assert "1 member added" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["new0@mission.example.org"]]


def test_manage_add_members_beyond_the_quota_is_refused(client):
    delegation, head = delegation_with_head(seat_quota=2)

    response = client.post(
        delegation.get_manage_url(), add_form(member_row(0), member_row(1))
    )

    assert "This delegation has 2 seats and 1 are free." in response.content.decode()
    assert delegation.members.count() == 1


def test_manage_page_with_all_seats_taken_offers_no_form(client):
    delegation, head = delegation_with_head(seat_quota=1)

    response = client.get(delegation.get_manage_url())

    html = response.content.decode()
    assert "All the delegation's seats are taken" in html
    assert "members-TOTAL_FORMS" not in html


def test_manage_add_a_second_head_is_refused(client):
    delegation, head = delegation_with_head()

    response = client.post(
        delegation.get_manage_url(), add_form(member_row(0, role="head"))
    )

    assert "exactly one head of delegation" in response.content.decode()
    assert delegation.members.count() == 1


def test_manage_after_registration_closed_shows_members_but_changes_nothing(client):
    delegation, head = delegation_with_head(
        meeting=MeetingFactory(
            registration_opens=timezone.now() - datetime.timedelta(days=10),
            registration_closes=timezone.now() - datetime.timedelta(days=1),
        )
    )

    response = client.post(delegation.get_manage_url(), add_form(member_row(0)))

    html = response.content.decode()
    assert "Registration for this meeting has closed." in html
    assert "Wong" in html
    assert delegation.members.count() == 1


def test_withdraw_member_cancels_their_registration_and_tells_them(
    client, django_capture_on_commit_callbacks
):
    delegation, head = delegation_with_head()
    adviser = RegistrationFactory(
        meeting=delegation.meeting, delegation=delegation, role="adviser"
    )
    url = reverse(
        "delegates:delegation_withdraw_member",
        kwargs={
            "meeting_slug": delegation.meeting.slug,
            "token": make_delegation_token(delegation),
            "member_id": adviser.pk,
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    adviser.refresh_from_db()
    assert adviser.status == RegistrationStatus.CANCELLED
    assert "has been withdrawn" in response.content.decode()
    assert [message.to for message in mail.outbox] == [[adviser.email]]


def test_withdraw_the_head_while_others_remain_is_refused(client):
    delegation, head = delegation_with_head()
    RegistrationFactory(meeting=delegation.meeting, delegation=delegation)
    url = reverse(
        "delegates:delegation_withdraw_member",
        kwargs={
            "meeting_slug": delegation.meeting.slug,
            "token": make_delegation_token(delegation),
            "member_id": head.pk,
        },
    )

    response = client.post(url)

    head.refresh_from_db()
    assert head.status == RegistrationStatus.SUBMITTED
    assert "replace them instead" in response.content.decode()


def test_withdraw_a_member_of_another_delegation_is_not_found(client):
    delegation, head = delegation_with_head()
    stranger = RegistrationFactory(meeting=delegation.meeting)
    url = reverse(
        "delegates:delegation_withdraw_member",
        kwargs={
            "meeting_slug": delegation.meeting.slug,
            "token": make_delegation_token(delegation),
            "member_id": stranger.pk,
        },
    )

    response = client.post(url)

    stranger.refresh_from_db()
    assert response.status_code == 404
    assert stranger.status == RegistrationStatus.SUBMITTED


def test_replace_the_head_by_a_new_head(client, django_capture_on_commit_callbacks):
    delegation, head = delegation_with_head(seat_quota=1)
    url = reverse(
        "delegates:delegation_replace_member",
        kwargs={
            "meeting_slug": delegation.meeting.slug,
            "token": make_delegation_token(delegation),
            "member_id": head.pk,
        },
    )
    data = {
        name.removeprefix("members-0-"): value
        for name, value in member_row(0, role="head", family_name="Newhead").items()
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, follow=True)

    head.refresh_from_db()
    assert head.status == RegistrationStatus.CANCELLED
    new_head = delegation.members.get(status=RegistrationStatus.SUBMITTED)
    assert (new_head.family_name, new_head.role) == ("Newhead", DelegationRole.HEAD)
    assert "has been replaced by" in response.content.decode()
    # The withdrawn head is told of the cancellation; the new head gets their link.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [head.email, "new0@mission.example.org"]
    )


def test_add_members_service_without_a_head_in_an_empty_delegation_is_refused():
    delegation = DelegationFactory()

    with pytest.raises(RegistrationError, match="head of delegation"):
        add_delegation_members(delegation, members=[member_data(1)])

    assert delegation.members.count() == 0


def test_withdraw_service_for_the_only_member_leaves_an_empty_delegation():
    delegation, head = delegation_with_head()

    withdraw_delegation_member(delegation, member=head)

    head.refresh_from_db()
    assert head.status == RegistrationStatus.CANCELLED


def test_attach_registration_joins_the_delegation_and_its_country():
    delegation, head = delegation_with_head(country="ID", name="Indonesia")
    alone = RegistrationFactory(meeting=delegation.meeting, country="TH")

    attach_registration(
        alone, delegation=delegation, role=DelegationRole.ADVISER, by=None
    )

    alone.refresh_from_db()
    assert alone.delegation == delegation
    assert alone.role == DelegationRole.ADVISER
    assert alone.country.code == "ID"


def test_attach_registration_of_another_meeting_is_refused():
    delegation, head = delegation_with_head()
    stranger = RegistrationFactory()

    with pytest.raises(RegistrationError, match="another meeting"):
        attach_registration(
            stranger, delegation=delegation, role=DelegationRole.DELEGATE, by=None
        )

    stranger.refresh_from_db()
    assert stranger.delegation is None


def test_attach_registration_beyond_the_quota_is_refused():
    delegation, head = delegation_with_head(seat_quota=1)
    alone = RegistrationFactory(meeting=delegation.meeting)

    with pytest.raises(RegistrationError, match="1 seat"):
        attach_registration(
            alone, delegation=delegation, role=DelegationRole.DELEGATE, by=None
        )

    alone.refresh_from_db()
    assert alone.delegation is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_additions_never_exceed_the_quota():
    delegation, head = delegation_with_head(seat_quota=2)
    barrier = threading.Barrier(2)
    outcomes = []

    def add(index):
        try:
            barrier.wait()
            add_delegation_members(delegation, members=[member_data(index)])
            outcomes.append("added")
        except RegistrationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(index,)) for index in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["added", "refused"]
    assert delegation.members.count() == 2


def test_manage_page_query_count_is_the_same_for_one_and_many_members(client):
    delegation, head = delegation_with_head()
    url = delegation.get_manage_url()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for role in ["alternate", "delegate", "adviser", "observer", "delegate"]:
        RegistrationFactory(
            meeting=delegation.meeting, delegation=delegation, role=role
        )

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.content.decode().count("Withdraw<span") == 6
    assert len(many) == len(one)


def letter_url(delegation):
    return reverse(
        "delegates:delegation_letter",
        kwargs={
            "meeting_slug": delegation.meeting.slug,
            "token": make_delegation_token(delegation),
        },
    )


def test_focal_point_sends_the_awaited_letter_and_it_is_received(client):
    delegation = DelegationFactory(credentials_status=CredentialsStatus.PENDING)

    response = client.post(
        letter_url(delegation), {"letter": pdf_upload()}, follow=True
    )

    delegation.refresh_from_db()
    assert delegation.credentials_status == CredentialsStatus.RECEIVED
    assert delegation.credentials_letter.read(5) == b"%PDF-"
    assert "the secretariat will check the credentials letter" in (
        response.content.decode()
    )


def test_focal_point_replaces_a_refused_letter_and_the_old_file_goes(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    delegation = DelegationFactory(
        credentials_status=CredentialsStatus.REJECTED,
        credentials_letter=pdf_upload("refused.pdf"),
    )
    refused = delegation.credentials_letter.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(letter_url(delegation), {"letter": pdf_upload()})

    delegation.refresh_from_db()
    assert delegation.credentials_status == CredentialsStatus.RECEIVED
    assert delegation.credentials_checked_at is None
    assert delegation.credentials_letter.name != refused
    assert not (tmp_path / refused).exists()


def test_focal_point_letter_that_is_not_a_pdf_is_refused(client):
    delegation = DelegationFactory(credentials_status=CredentialsStatus.PENDING)
    fake = SimpleUploadedFile("letter.pdf", b"<html>not a pdf</html>")

    response = client.post(letter_url(delegation), {"letter": fake})

    delegation.refresh_from_db()
    assert "The letter must be a PDF file." in response.content.decode()
    assert delegation.credentials_status == CredentialsStatus.PENDING
    assert not delegation.credentials_letter


def test_focal_point_letter_with_a_script_is_refused_with_a_clear_message(client):
    delegation = DelegationFactory(credentials_status=CredentialsStatus.PENDING)
    letter = SimpleUploadedFile("letter.pdf", pdf_with_javascript())

    response = client.post(letter_url(delegation), {"letter": letter})

    delegation.refresh_from_db()
    assert "Please send the letter as a plain PDF" in response.content.decode()
    assert delegation.credentials_status == CredentialsStatus.PENDING
    assert not delegation.credentials_letter


def test_focal_point_cannot_replace_an_accepted_letter(client):
    delegation = DelegationFactory(credentials_status=CredentialsStatus.ACCEPTED)

    response = client.post(letter_url(delegation), {"letter": pdf_upload()})

    delegation.refresh_from_db()
    assert "already has your credentials letter" in response.content.decode()
    assert delegation.credentials_status == CredentialsStatus.ACCEPTED
    assert not delegation.credentials_letter


@pytest.mark.django_db(transaction=True)
def test_a_delegation_locked_too_long_gives_a_clear_try_again(monkeypatch):
    delegation, head = delegation_with_head()
    monkeypatch.setattr("delegates.delegations.services.LOCK_TIMEOUT_MS", 100)
    with (
        row_locked_elsewhere(delegation),
        pytest.raises(RegistrationError, match="please try again"),
    ):
        add_delegation_members(delegation, members=[member_data(1)])

    assert delegation.members.count() == 1
