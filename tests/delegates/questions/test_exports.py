"""Answers as columns of the CSV and Excel exports."""

import csv
import io

import pytest

from consultation.jobs.models import Job
from delegates.enums import RegistrationStatus
from delegates.models import Answer, Registration
from delegates.questions.enums import QuestionKind
from tests.delegates.test_exports import EXPORT_CSV, EXPORT_XLSX, read_csv, read_xlsx
from tests.factories import (
    ChoiceFactory,
    MeetingFactory,
    QuestionFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(meeting, field_visit):
    going = RegistrationFactory(meeting=meeting, family_name="Going")
    Answer.objects.create(
        registration=going, question=field_visit["visit"], yes_no=True
    )
    Answer.objects.create(registration=going, question=field_visit["menu"]).choices.set(
        [field_visit["special"]]
    )
    Answer.objects.create(
        registration=going, question=field_visit["diet"], text="=cmd|' /C calc'!A0"
    )
    RegistrationFactory(meeting=meeting, family_name="Silent")
    return going


def test_csv_has_a_column_per_question_with_the_answers(organiser_client, answered):
    rows = {
        row["Family name"]: row for row in read_csv(organiser_client.get(EXPORT_CSV))
    }

    assert {
        key: rows["Going"][key]
        for key in (
            "Will you join the field visit on day 3?",
            "Lunch at the field visit",
            "Dietary needs for the field visit lunch",
        )
    } == {
        "Will you join the field visit on day 3?": "yes",
        "Lunch at the field visit": "Special diet",
        # A typed answer never runs as a formula.
        "Dietary needs for the field visit lunch": "'=cmd|' /C calc'!A0",
    }
    assert rows["Silent"]["Lunch at the field visit"] == ""


def test_excel_has_the_answer_columns_too(organiser_client, answered):
    rows, _sheet = read_xlsx(organiser_client.get(EXPORT_XLSX))

    going = next(row for row in rows if row["Family name"] == "Going")
    assert going["Lunch at the field visit"] == "Special diet"


def test_several_meetings_name_the_meeting_in_each_header(organiser_client, answered):
    other = QuestionFactory(meeting=MeetingFactory(short_name="APFSD"), label="Hotel")
    RegistrationFactory(meeting=other.meeting)

    headers = read_csv(organiser_client.get(EXPORT_CSV))[0].keys()

    assert "APFSD: Hotel" in headers


def test_export_query_count_does_not_grow_with_answers(
    organiser_client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    questions = [
        QuestionFactory(meeting=meeting, position=n, kind=QuestionKind.SEVERAL_CHOICES)
        for n in range(10)
    ]
    choices = [ChoiceFactory(question=question) for question in questions]
    registrations = Registration.objects.bulk_create(
        RegistrationFactory.build(
            meeting=meeting,
            email=f"delegate{number}@bulk.example.org",
            status=RegistrationStatus.APPROVED,
        )
        for number in range(300)
    )
    answers = Answer.objects.bulk_create(
        Answer(registration=registration, question=question)
        for registration in registrations
        for question in questions
    )
    Answer.choices.through.objects.bulk_create(
        Answer.choices.through(answer=answer, choice=choices[index % 10])
        for index, answer in enumerate(answers)
    )

    # 300 rows is beyond a small selection: the file is a job's.
    with django_capture_on_commit_callbacks() as callbacks:
        organiser_client.get(EXPORT_CSV)
    with django_assert_max_num_queries(20):
        for callback in callbacks:
            callback()

    job = Job.objects.get()
    content = b"".join(organiser_client.get(job.get_download_url()).streaming_content)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 300
    assert {row[questions[3].label] for row in rows} == {choices[3].label}
