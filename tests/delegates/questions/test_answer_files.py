"""Files sent as answers: opened by the delegate through their private link,
erased with the personal data, never left on disk by a registration rolled back."""

import datetime
import threading

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agenda.enums import SideEventAccess
from consultation.uploads import private_storage
from delegates.models import Answer, Registration
from delegates.personal_data import erase_personal_data, registrations_due_for_erasure
from delegates.questions.enums import QuestionKind
from delegates.services import RegistrationError, register_delegate
from tests.factories import (
    MeetingFactory,
    QuestionFactory,
    RegistrationFactory,
    SideEventFactory,
)
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


REGISTRATION = {
    "honorific": "ms",
    "given_name": "Siriporn",
    "family_name": "Chaiyasit",
    "job_title": "Director-General",
    "organisation": "Thailand International Cooperation Agency",
    "category": "member_state",
    "country": "TH",
    "email": "siriporn@example.org",
    "phone": "+66 2 288 1234",
    "consent_privacy": True,
}


def stored_answer_files():
    storage = private_storage()
    if not storage.exists("answers"):
        return []
    return storage.listdir("answers")[1]


@pytest.fixture
def scan(meeting):
    return QuestionFactory(
        meeting=meeting, kind=QuestionKind.FILE, label="Scan of your invitation"
    )


@pytest.fixture
def answered(meeting, scan):
    registration = RegistrationFactory(meeting=meeting, phone="+6621234567")
    answer = Answer(registration=registration, question=scan)
    answer.file.save("invitation.jpg", ContentFile(image_bytes()))
    return registration


def test_the_private_page_links_the_file_through_the_private_link(client, answered):
    answer = answered.answers.get()
    own_url = reverse(
        "delegates:own_answer_file",
        kwargs={
            "meeting_slug": answered.meeting.slug,
            "token": answered.get_private_url().rstrip("/").rsplit("/", 1)[1],
            "question_id": answer.question_id,
        },
    )

    html = client.get(answered.get_private_url()).content.decode()
    opened = client.get(own_url)

    assert answer.file.url not in html
    assert html.count(f'href="{own_url}"') == 2  # the summary and the form
    assert b"".join(opened.streaming_content) == answer.file.open("rb").read()
    assert opened["Cache-Control"] == "private, no-store"


def test_the_file_link_of_one_registration_does_not_open_another_ones(
    client, answered, scan
):
    stranger = RegistrationFactory(meeting=answered.meeting)
    token = stranger.get_private_url().rstrip("/").rsplit("/", 1)[1]

    response = client.get(
        reverse(
            "delegates:own_answer_file",
            kwargs={
                "meeting_slug": answered.meeting.slug,
                "token": token,
                "question_id": scan.pk,
            },
        )
    )

    assert response.status_code == 404


def test_erasing_personal_data_deletes_the_answer_files(
    answered, django_capture_on_commit_callbacks
):
    name = answered.answers.get().file.name
    assert private_storage().exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        erased = erase_personal_data(answered, reason="on request")

    assert "answer_files" in erased
    assert not private_storage().exists(name)
    assert answered.answers.get().file.name == ""


def test_a_registration_whose_only_personal_data_is_a_file_is_due_for_erasure(scan):
    end = timezone.localdate() - datetime.timedelta(days=100)
    meeting = MeetingFactory(
        start_date=end - datetime.timedelta(days=2),
        end_date=end,
        registration_opens=timezone.now() - datetime.timedelta(days=160),
        registration_closes=timezone.now() - datetime.timedelta(days=105),
    )
    question = QuestionFactory(meeting=meeting, kind=QuestionKind.FILE)
    registration = RegistrationFactory(meeting=meeting)
    answer = Answer(registration=registration, question=question)
    answer.file.save("invitation.jpg", ContentFile(image_bytes()))

    assert list(registrations_due_for_erasure(retention_days=90)) == [registration]


def test_a_registration_rolled_back_leaves_no_answer_file(meeting, scan):
    # Closed to wishes since the form was validated: the wish fails after the
    # answers (and their files) were written, and everything rolls back.
    side_event = SideEventFactory(meeting=meeting, access=SideEventAccess.INVITATION)
    data = dict(REGISTRATION)

    with pytest.raises(RegistrationError):
        register_delegate(
            meeting=meeting,
            data=data,
            side_events=[side_event],
            answers={scan: upload(image_bytes())},
        )

    assert not Registration.objects.exists()
    assert stored_answer_files() == []


@pytest.mark.django_db(transaction=True)
def test_simultaneous_duplicate_registrations_leave_one_set_of_files(form_data):
    meeting = MeetingFactory()
    scan = QuestionFactory(meeting=meeting, kind=QuestionKind.FILE)
    barrier = threading.Barrier(4)

    def submit():
        try:
            barrier.wait()
            Client().post(
                reverse("delegates:register", kwargs={"meeting_slug": meeting.slug}),
                {
                    **form_data,
                    "photo": upload(image_bytes()),
                    scan.field_name: upload(image_bytes(), name="scan.jpg"),
                },
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    registration = Registration.objects.get()
    assert stored_answer_files() == [
        registration.answers.get().file.name.rsplit("/", 1)[1]
    ]
    assert private_storage().listdir("photos")[1] == [
        registration.photo.name.rsplit("/", 1)[1]
    ]
