"""Benchmark: the CSV export of 10,000 registrations with 10 answers each, streamed.

Usage: make bench-exports (or .venv/bin/python bench/export_answers.py). Seeds
BENCH_REGISTRATIONS (10,000) registrations of one meeting with 10 questions of
every kind (choices, yes/no, texts, a number, a date), each answered, into
BENCH_DATABASE_URL (default consultation_bench_export_answers, created afresh),
then streams the admin's CSV download (delegates.exports.export_response) and
prints: the time to the first line, the time to the last (wall clock and the
process's own CPU seconds, which other work on a shared machine barely
changes), the queries run, the file's size and how much the process's memory
grew while streaming. BENCH_REUSE=1 streams from the database a previous run
seeded. The export's own time limit is lifted (EXPORT_SECONDS_LIMIT). A script
that prints numbers, not a test.
"""

import os
import resource
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/consultation_bench_export_answers",
)
REGISTRATIONS = int(os.environ.get("BENCH_REGISTRATIONS", "10000"))

REUSE = os.environ.get("BENCH_REUSE") == "1"

os.environ.update(
    DATABASE_URL=DATABASE_URL, DJANGO_SETTINGS_MODULE="consultation.settings"
)
os.environ.setdefault("EXPORT_SECONDS_LIMIT", "3600")


def create_database():
    admin_url, name = DATABASE_URL.rsplit("/", 1)
    connection = psycopg2.connect(admin_url + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS " + name)
        cursor.execute("CREATE DATABASE " + name)
    connection.close()


def seed(count):
    """A meeting, its 10 questions and ``count`` registrations answering them all."""
    import datetime
    from decimal import Decimal

    from delegates.models import Answer, AnswerChoice, Choice, Question, Registration
    from delegates.questions.enums import QuestionKind
    from tests.factories import MeetingFactory

    meeting = MeetingFactory()
    kinds = [
        QuestionKind.ONE_CHOICE,
        QuestionKind.ONE_CHOICE,
        QuestionKind.ONE_CHOICE,
        QuestionKind.SEVERAL_CHOICES,
        QuestionKind.YES_NO,
        QuestionKind.YES_NO,
        QuestionKind.SHORT_TEXT,
        QuestionKind.LONG_TEXT,
        QuestionKind.NUMBER,
        QuestionKind.DATE,
    ]
    questions = [
        Question.objects.create(
            meeting=meeting, position=n, label=f"Question {n}", kind=kind
        )
        for n, kind in enumerate(kinds, start=1)
    ]
    choices = {
        question.pk: Choice.objects.bulk_create(
            Choice(question=question, label=f"Choice {n}", position=n) for n in range(4)
        )
        for question in questions
        if question.kind in (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)
    }
    registrations = Registration.objects.bulk_create(
        Registration(
            meeting=meeting,
            honorific="ms",
            given_name=f"Given{n}",
            family_name=f"Family{n}",
            job_title="Director",
            organisation="Ministry of Foreign Affairs",
            country="TH",
            category="member_state",
            email=f"delegate{n}@example.org",
            phone="+66 2 288 1234",
        )
        for n in range(count)
    )
    day = meeting.start_date
    values = {
        QuestionKind.YES_NO: lambda n: {"yes_no": n % 2 == 0},
        QuestionKind.SHORT_TEXT: lambda n: {"text": f"TG {n:04d}"},
        QuestionKind.LONG_TEXT: lambda n: {"text": "Arriving late on the first day."},
        QuestionKind.NUMBER: lambda n: {"number": Decimal(n % 7)},
        QuestionKind.DATE: lambda n: {"date": day + datetime.timedelta(days=n % 3)},
    }
    for registration_chunk in range(0, count, 2000):
        chunk = registrations[registration_chunk : registration_chunk + 2000]
        answers = Answer.objects.bulk_create(
            Answer(
                registration=registration,
                question=question,
                **values.get(question.kind, lambda n: {})(n),
            )
            for n, registration in enumerate(chunk)
            for question in questions
        )
        AnswerChoice.objects.bulk_create(
            AnswerChoice(
                answer=answer,
                choice=choices[answer.question_id][
                    (answer.registration_id + answer.question_id) % 4
                ],
            )
            for answer in answers
            if answer.question_id in choices
        )
    return meeting


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    if not REUSE:
        create_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from consultation.models import Meeting
    from delegates.exports import CSV, export_response
    from delegates.models import Registration

    if REUSE:
        meeting = Meeting.objects.get()
    else:
        call_command("migrate", verbosity=0)
        started = time.monotonic()
        meeting = seed(REGISTRATIONS)
        print(
            f"Seeded {REGISTRATIONS:,} registrations × 10 answers in "
            f"{time.monotonic() - started:.1f} s."
        )
    queryset = Registration.objects.filter(meeting=meeting).order_by("pk")
    memory_before = rss_mib()
    with CaptureQueriesContext(connection) as queries:
        started, cpu_started = time.monotonic(), time.process_time()
        response = export_response(
            queryset, file_format=CSV, include_personal_data=True
        )
        content = iter(response.streaming_content)
        size = len(next(content))
        first_line = time.monotonic() - started
        lines = 1
        for line in content:
            size += len(line)
            lines += 1
        total = time.monotonic() - started
        cpu = time.process_time() - cpu_started
    print(
        f"CSV export, {lines - 1:,} rows × 10 answers: first line after "
        f"{first_line * 1000:.0f} ms, last after {total:.1f} s wall, "
        f"{cpu:.1f} CPU s ({(lines - 1) / cpu:,.0f} rows per CPU s); "
        f"{len(queries.captured_queries)} "
        f"queries; {size / 2**20:.1f} MiB; memory high-water +"
        f"{rss_mib() - memory_before:.0f} MiB (from {memory_before:.0f} MiB)."
    )


if __name__ == "__main__":
    main()
