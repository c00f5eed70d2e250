"""Counts per answer on the participation statistics page."""

import pytest
from django.urls import reverse

from delegates.enums import RegistrationStatus
from delegates.models import Answer
from delegates.questions.selectors import answer_tallies
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_counts_per_choice_and_yes_no_among_seated_and_approved(meeting, field_visit):
    approved, submitted, cancelled = (
        RegistrationFactory(meeting=meeting, status=status)
        for status in (
            RegistrationStatus.APPROVED,
            RegistrationStatus.SUBMITTED,
            RegistrationStatus.CANCELLED,
        )
    )
    for registration in (approved, submitted, cancelled):
        Answer.objects.create(
            registration=registration, question=field_visit["visit"], yes_no=True
        )
        Answer.objects.create(
            registration=registration, question=field_visit["menu"]
        ).choices.set([field_visit["special"]])

    tallies = {
        label: [(row.label, row.seated, row.approved) for row in rows]
        for label, rows in answer_tallies(meeting)
    }

    assert tallies == {
        "Will you join the field visit on day 3?": [("Yes", 2, 1), ("No", 0, 0)],
        "Lunch at the field visit": [("Standard", 0, 0), ("Special diet", 2, 1)],
    }


def test_the_statistics_page_shows_the_answers(organiser_client, meeting, field_visit):
    page = organiser_client.get(
        reverse("admin:delegates_participationstatistics_changelist"),
        {"meeting": meeting.pk},
    ).content.decode()

    assert "Answers to the registration questions" in page
    assert "<h3>Lunch at the field visit</h3>" in page
