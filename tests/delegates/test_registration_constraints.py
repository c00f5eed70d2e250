"""A registration's row rules: checked in Python, held by the database."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from consultation.constraints import RowCheckConstraint
from delegates.enums import Attendance
from delegates.models import Registration
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)
DATES = [None, DAY - datetime.timedelta(days=1), DAY, DAY + datetime.timedelta(days=1)]

ROW_RULES = [
    constraint
    for constraint in Registration._meta.constraints
    if isinstance(constraint, RowCheckConstraint)
]


def database_says(constraint, registration) -> bool:
    """What Django asks the database (a query) of the registration's values."""
    try:
        models.CheckConstraint.validate(constraint, Registration, registration)
    except ValidationError:
        return False
    return True


def python_says(constraint, registration) -> bool:
    try:
        constraint.validate(Registration, registration)
    except ValidationError:
        return False
    return True


def rows():
    for arrival, departure in itertools.product(DATES, DATES):
        for attendance, visa in itertools.product(Attendance.values, [False, True]):
            yield Registration(
                arrival_date=arrival,
                departure_date=departure,
                attendance=attendance,
                needs_visa_letter=visa,
            )


def test_the_row_rules_are_the_travel_dates_and_online_visa_letters():
    assert {constraint.name for constraint in ROW_RULES} == {
        "registration_departs_after_arrival",
        "registration_online_needs_no_visa_letter",
    }


@pytest.mark.parametrize("constraint", ROW_RULES, ids=lambda c: c.name)
def test_python_and_the_database_answer_alike_for_every_row(constraint):
    answers = [
        (python_says(constraint, row), database_says(constraint, row)) for row in rows()
    ]

    assert all(python == database for python, database in answers)
    # Both answers occur: the rows try the rule, not only its happy case.
    assert {python for python, _database in answers} == {True, False}


def test_full_clean_refuses_a_departure_before_arrival_with_the_rule_message():
    registration = RegistrationFactory.build(
        arrival_date=DAY, departure_date=DAY - datetime.timedelta(days=1)
    )

    with pytest.raises(ValidationError) as refused:
        registration.validate_constraints()

    assert refused.value.messages == ["Departure cannot be before arrival."]


def test_a_rule_on_a_field_left_out_of_the_check_is_not_checked():
    registration = RegistrationFactory.build(
        arrival_date=DAY, departure_date=DAY - datetime.timedelta(days=1)
    )

    registration.validate_constraints(exclude={"arrival_date"})


def test_the_database_still_holds_the_rule():
    registration = RegistrationFactory(
        attendance=Attendance.ONLINE, needs_visa_letter=False
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(needs_visa_letter=True)
