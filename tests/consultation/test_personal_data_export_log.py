"""Every way staff take delegates' personal data away is recorded for superusers.

One test per path: who (the staff member, or the API token's creator), what, how
many rows. Files shown inline on a staff page (the list's photo thumbnails) are
part of the page and not recorded.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from agenda.enums import SignUpStatus, SpeakingLevel
from agenda.speakers_list.services import inscribe_speaker
from consultation.jobs.models import Job
from consultation.signin.models import PersonalDataExport
from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.models import Registration
from delegates.questions.enums import QuestionKind
from delegates.questions.models import Answer
from tests.api_tokens import api_client, make_token
from tests.factories import (
    DelegationFactory,
    ListOfSpeakersFactory,
    MeetingFactory,
    QuestionFactory,
    RegistrationFactory,
    SideEventFactory,
    SideEventSignUpFactory,
    UserFactory,
    pdf_bytes,
)
from tests.images import image_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")


@pytest.fixture
def meeting():
    return MeetingFactory()


@pytest.fixture
def approved(meeting):
    return [
        RegistrationFactory(
            meeting=meeting,
            family_name=name,
            status=RegistrationStatus.APPROVED,
            consent_public_list=True,
            passport_number=number,
            passport_expiry=datetime.date(2031, 6, 30),
            date_of_birth=datetime.date(1975, 3, 4),
            nationality="TH",
            needs_visa_letter=True,
        )
        for name, number in [("Santoso", "B7654321"), ("Chaiyasit", "AA123456")]
    ]


def the_record():
    (record,) = PersonalDataExport.objects.all()
    return record


def assert_recorded(user, what, rows, *, passport_data=False):
    record = the_record()
    assert (record.user, record.username, record.what, record.rows) == (
        user,
        user.get_username(),
        what,
        rows,
    )
    assert record.passport_data is passport_data


def run_action(client, action, registrations):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [r.pk for r in registrations]},
    )


# Badges


def test_one_badge_is_recorded(organiser_client, organiser, approved):
    url = reverse("admin:delegates_registration_badge", args=[approved[0].pk])

    response = organiser_client.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert_recorded(organiser, "Badge", 1)


def test_badges_printed_from_the_list_are_recorded(
    organiser_client, organiser, approved
):
    response = run_action(organiser_client, "print_badges_a4", approved)

    assert response["Content-Type"] == "application/pdf"
    assert_recorded(organiser, "Badges (A4)", 2)


def test_badges_made_by_a_job_are_recorded_when_asked_for(
    organiser_client, organiser, approved, settings
):
    settings.JOBS_INLINE_LIMIT = 1

    run_action(organiser_client, "print_badges_a6", approved)

    assert Job.objects.get().total == 2
    assert_recorded(organiser, "Badges (A6)", 2)


# Visa letters


def test_one_visa_letter_is_recorded(organiser_client, organiser, approved):
    url = reverse("admin:delegates_registration_visa_letter", args=[approved[0].pk])

    organiser_client.get(url)

    assert_recorded(organiser, "Visa letter", 1, passport_data=True)


def test_visa_letters_of_the_selected_are_recorded(
    organiser_client, organiser, approved
):
    run_action(organiser_client, "visa_letters", approved)

    assert_recorded(organiser, "Visa letters", 2, passport_data=True)


# A job's file


def finished_job(by, *, total=2):
    job = Job.objects.create(
        kind="delegates.export",
        status="done",
        total=total,
        done=total,
        view_permission="delegates.view_passport_data",
        created_by=by,
        finished_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
        result_name="registrations.csv",
    )
    job.result.save("registrations.csv", ContentFile(b"a,b\n1,2\n3,4\n"))
    return job


def test_a_job_file_fetched_by_a_colleague_is_recorded(client, organiser):
    job = finished_job(organiser)
    colleague = UserFactory(username="colleague", is_staff=True, is_superuser=True)
    client.force_login(colleague)

    response = client.get(job.get_download_url())

    assert b"".join(response.streaming_content) == b"a,b\n1,2\n3,4\n"
    assert_recorded(
        colleague,
        "Registrations export, file of a job started by organiser",
        2,
        passport_data=True,
    )


def test_a_job_file_fetched_by_its_creator_is_not_recorded_twice(
    organiser_client, organiser
):
    job = finished_job(organiser)

    response = organiser_client.get(job.get_download_url())

    assert response.status_code == 200
    assert not PersonalDataExport.objects.exists()


# The registration list's exports


@pytest.mark.parametrize(
    ("file_format", "what"),
    [("csv", "Registrations (csv)"), ("xlsx", "Registrations (xlsx)")],
)
def test_registration_exports_are_recorded(
    organiser_client, organiser, approved, file_format, what
):
    url = reverse("admin:delegates_registration_export", args=[file_format])

    response = organiser_client.get(url)

    assert response.status_code == 200
    assert_recorded(organiser, what, 2, passport_data=True)


# Side events


@pytest.fixture
def side_event(meeting):
    side_event = SideEventFactory(meeting=meeting, session__title="Oceans")
    SideEventSignUpFactory.create_batch(2, side_event=side_event)
    SideEventSignUpFactory(
        side_event=side_event, status=SignUpStatus.WAITLISTED, booked_at=None
    )
    return side_event


@pytest.mark.parametrize(
    ("which", "what", "rows"),
    [
        ("attendees", "Side event attendees (CSV): Oceans", 2),
        ("waiting-list", "Side event waiting list (CSV): Oceans", 1),
    ],
)
def test_side_event_lists_are_recorded(
    organiser_client, organiser, side_event, which, what, rows
):
    url = reverse("admin:agenda_sideevent_export", args=[side_event.pk, which])

    response = organiser_client.get(url)

    assert response.content.decode("utf-8-sig").count("\n") == rows + 1
    assert_recorded(organiser, what, rows)


def test_side_event_lists_exported_from_the_list_are_recorded(
    organiser_client, organiser, side_event
):
    organiser_client.post(
        reverse("admin:agenda_sideevent_changelist"),
        {"action": "export_signups", "_selected_action": [side_event.pk]},
    )

    assert_recorded(organiser, "Side event attendees and waiting lists (CSV)", 3)


# Lists of participants and of speakers


def test_the_participants_csv_is_recorded(organiser_client, organiser, approved):
    meeting = approved[0].meeting
    url = reverse("participants:csv", kwargs={"meeting_slug": meeting.slug})

    response = organiser_client.get(url)

    assert response.content.decode("utf-8-sig").count("\n") == 3
    assert_recorded(organiser, "List of participants (CSV)", 2)


@pytest.fixture
def speakers_list():
    list_of_speakers = ListOfSpeakersFactory(agenda_item__number=3)
    delegation = DelegationFactory(
        meeting=list_of_speakers.agenda_item.meeting,
        country="TH",
        category=ParticipantCategory.MEMBER_STATE,
    )
    head = RegistrationFactory(
        meeting=delegation.meeting,
        delegation=delegation,
        role=DelegationRole.HEAD,
        country="TH",
        category=ParticipantCategory.MEMBER_STATE,
        status=RegistrationStatus.APPROVED,
    )
    inscribe_speaker(
        list_of_speakers=list_of_speakers,
        delegation=delegation,
        speaker=head,
        level=SpeakingLevel.MINISTER,
    )
    return list_of_speakers


@pytest.mark.parametrize(("route", "file_format"), [("csv", "CSV"), ("pdf", "PDF")])
def test_the_list_of_speakers_exports_are_recorded(
    organiser_client, organiser, speakers_list, route, file_format
):
    item = speakers_list.agenda_item
    url = reverse(
        f"speakers_list:{route}",
        kwargs={"meeting_slug": item.meeting.slug, "pk": speakers_list.pk},
    )

    response = organiser_client.get(url)

    assert response.status_code == 200
    assert_recorded(
        organiser,
        f"List of speakers, item {item.number}{item.sub_letter} ({file_format})",
        1,
    )


# Uploads opened through the private-file view


def test_a_badge_photo_opened_by_staff_is_recorded(organiser_client, organiser):
    registration = RegistrationFactory()
    registration.photo.save("photo.jpg", ContentFile(image_bytes()))

    response = organiser_client.get(registration.photo.url)

    assert response["Content-Type"] == "image/jpeg"
    assert_recorded(organiser, "Badge photo", 1)


def test_a_thumbnail_drawn_on_a_staff_page_is_not_recorded(organiser_client):
    registration = RegistrationFactory()
    registration.photo.save("photo.jpg", ContentFile(image_bytes()))

    response = organiser_client.get(
        registration.photo.url, headers={"Sec-Fetch-Dest": "image"}
    )

    assert response["Content-Type"] == "image/jpeg"
    assert not PersonalDataExport.objects.exists()


def test_a_credentials_letter_opened_by_staff_is_recorded(organiser_client, organiser):
    delegation = DelegationFactory()
    delegation.credentials_letter.save("letter.pdf", ContentFile(pdf_bytes()))

    response = organiser_client.get(delegation.credentials_letter.url)

    assert response["Content-Type"] == "application/pdf"
    assert_recorded(organiser, "Credentials letter", 1)


def test_a_passport_scan_opened_by_staff_is_recorded(organiser_client, organiser):
    registration = RegistrationFactory()
    question = QuestionFactory(
        meeting=registration.meeting, label="Passport scan", kind=QuestionKind.FILE
    )
    answer = Answer.objects.create(registration=registration, question=question)
    answer.file.save("scan.pdf", ContentFile(pdf_bytes()))

    response = organiser_client.get(answer.file.url)

    assert response["Content-Type"] == "application/pdf"
    assert_recorded(organiser, "Passport scan", 1, passport_data=True)


# The API: one record per answer that carries personal data


def test_an_api_page_of_registrations_is_recorded_for_the_token_creator(
    organiser, approved
):
    meeting = approved[0].meeting
    _token, secret = make_token(
        "registrations:read", "personal_data:read", meeting=meeting, by=organiser
    )
    url = reverse("api-registrations", kwargs={"meeting_slug": meeting.slug})

    response = api_client(secret).get(url)

    assert len(response.json()["results"]) == 2
    assert_recorded(
        organiser,
        "Registrations, API token “Pass office”",
        2,
        passport_data=True,
    )


def test_one_registration_read_through_the_api_is_recorded(organiser, approved):
    meeting = approved[0].meeting
    _token, secret = make_token(
        "registrations:read", "personal_data:read", meeting=meeting, by=organiser
    )
    url = reverse(
        "api-registration",
        kwargs={"meeting_slug": meeting.slug, "registration_id": approved[0].pk},
    )

    api_client(secret).get(url)

    assert_recorded(
        organiser, "Registrations, API token “Pass office”", 1, passport_data=True
    )


def test_delegations_read_through_the_api_are_recorded(organiser, meeting):
    DelegationFactory.create_batch(3, meeting=meeting)
    _token, secret = make_token(
        "registrations:read", "personal_data:read", meeting=meeting, by=organiser
    )
    url = reverse("api-delegations", kwargs={"meeting_slug": meeting.slug})

    api_client(secret).get(url)

    assert_recorded(organiser, "Delegations, API token “Pass office”", 3)


def test_api_answers_without_personal_data_are_not_recorded(organiser, approved):
    meeting = approved[0].meeting
    _token, secret = make_token("registrations:read", meeting=meeting, by=organiser)
    url = reverse("api-registrations", kwargs={"meeting_slug": meeting.slug})

    response = api_client(secret).get(url)

    assert "family_name" not in response.json()["results"][0]
    assert not PersonalDataExport.objects.exists()
    assert Registration.objects.count() == 2
