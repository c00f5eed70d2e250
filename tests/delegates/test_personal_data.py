"""Erasure of personal data after a meeting (erase_personal_data)."""

import datetime
import logging
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from delegates.enums import Gender, RegistrationStatus
from delegates.models import Registration
from delegates.personal_data import erase_personal_data
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings):
    """Where personal uploads are stored (a temporary folder, tests/conftest.py)."""
    return settings.PRIVATE_MEDIA_ROOT


def ended_meeting(days_ago):
    end = timezone.localdate() - datetime.timedelta(days=days_ago)
    return MeetingFactory(
        start_date=end - datetime.timedelta(days=2),
        end_date=end,
        registration_opens=timezone.now() - datetime.timedelta(days=days_ago + 60),
        registration_closes=timezone.now() - datetime.timedelta(days=days_ago + 5),
    )


def registration_with_personal_data(meeting, **kwargs):
    registration = RegistrationFactory(
        meeting=meeting,
        passport_number="N1234567",
        passport_expiry=datetime.date(2031, 5, 1),
        date_of_birth=datetime.date(1975, 3, 14),
        emergency_contact_name="Siti Rahma",
        emergency_contact_phone="+6281234567890",
        dietary_requirements="Halal",
        accessibility_requirements="Wheelchair access",
        status=RegistrationStatus.APPROVED,
        gender=Gender.FEMALE,
        country="ID",
        **kwargs,
    )
    registration.photo.save("face.jpg", ContentFile(b"\xff\xd8\xff fake jpeg"))
    return registration


def erase(*args):
    out = StringIO()
    call_command("erase_personal_data", *args, stdout=out)
    return out.getvalue()


def test_erasure_after_the_retention_period_keeps_the_statistics(private_root):
    registration = registration_with_personal_data(ended_meeting(days_ago=91))
    photo_path = private_root / registration.photo.name
    assert photo_path.exists()

    output = erase()

    registration.refresh_from_db()
    assert registration.passport_number == ""
    assert registration.passport_expiry is None
    assert registration.date_of_birth is None
    assert registration.emergency_contact_name == ""
    assert str(registration.emergency_contact_phone) == ""
    assert registration.dietary_requirements == ""
    assert registration.accessibility_requirements == ""
    assert not registration.photo
    assert registration.personal_data_erased_at is not None
    assert (
        registration.status,
        registration.category,
        registration.country.code,
        registration.gender,
    ) == (RegistrationStatus.APPROVED, "member_state", "ID", Gender.FEMALE)
    assert "Erased personal data of 1 registration(s)." in output


def test_erasure_deletes_the_photo_file_after_commit(
    private_root, django_capture_on_commit_callbacks
):
    registration = registration_with_personal_data(ended_meeting(days_ago=91))
    photo_path = private_root / registration.photo.name
    assert photo_path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        erase()

    assert not photo_path.exists()


def test_erasure_waits_for_the_retention_period():
    recent = registration_with_personal_data(ended_meeting(days_ago=89))
    upcoming = registration_with_personal_data(MeetingFactory())

    output = erase()

    assert "Erased personal data of 0 registration(s)." in output
    assert set(
        Registration.objects.exclude(passport_number="").values_list("pk", flat=True)
    ) == {recent.pk, upcoming.pk}


def test_erasure_period_can_be_set_by_option_and_setting(settings):
    registration = registration_with_personal_data(ended_meeting(days_ago=31))

    erase("--days", "60")
    registration.refresh_from_db()
    assert registration.passport_number == "N1234567"

    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    erase()
    registration.refresh_from_db()
    assert registration.passport_number == ""


def test_erasure_is_idempotent(django_capture_on_commit_callbacks):
    registration = registration_with_personal_data(ended_meeting(days_ago=120))
    with django_capture_on_commit_callbacks(execute=True):
        erase()
    registration.refresh_from_db()
    first_erased_at = registration.personal_data_erased_at

    output = erase()

    registration.refresh_from_db()
    assert registration.personal_data_erased_at == first_erased_at
    assert "Erased personal data of 0 registration(s)." in output


def test_dry_run_lists_what_would_be_erased_and_changes_nothing(private_root):
    registration = registration_with_personal_data(ended_meeting(days_ago=91))

    output = erase("--dry-run")

    registration.refresh_from_db()
    assert registration.passport_number == "N1234567"
    assert (private_root / registration.photo.name).exists()
    assert registration.personal_data_erased_at is None
    assert f"Would erase registration {registration.pk}" in output
    assert "passport_number, passport_expiry, date_of_birth" in output
    assert "Nothing was changed (dry run)." in output


def test_one_person_is_erased_on_request_before_the_period_ends():
    meeting = MeetingFactory()
    person = registration_with_personal_data(meeting)
    colleague = registration_with_personal_data(meeting)

    output = erase("--registration", str(person.pk))

    person.refresh_from_db()
    colleague.refresh_from_db()
    assert person.passport_number == ""
    assert colleague.passport_number == "N1234567"
    assert f"Erased registration {person.pk}" in output


def test_one_person_is_found_by_email_in_every_meeting():
    first = registration_with_personal_data(MeetingFactory(), email="siti@example.org")
    second = registration_with_personal_data(
        ended_meeting(days_ago=10), email="Siti@Example.org"
    )
    other = registration_with_personal_data(MeetingFactory())

    erase("--email", "siti@example.org")

    assert set(
        Registration.objects.filter(passport_number="").values_list("pk", flat=True)
    ) == {first.pk, second.pk}
    other.refresh_from_db()
    assert other.date_of_birth == datetime.date(1975, 3, 14)


def test_erasure_is_logged_with_its_reason(caplog):
    registration = registration_with_personal_data(MeetingFactory())

    with caplog.at_level(logging.INFO, logger="delegates.personal_data"):
        erase("--registration", str(registration.pk))

    assert [record.getMessage() for record in caplog.records] == [
        f"Erased personal data of registration {registration.pk} "
        f"(meeting {registration.meeting.slug}): passport_number, passport_expiry, "
        "date_of_birth, emergency_contact_name, emergency_contact_phone, "
        "dietary_requirements, accessibility_requirements, photo. "
        f"Reason: request for registration {registration.pk}"
    ]


def test_erasing_an_unknown_person_is_a_clear_error():
    with pytest.raises(CommandError, match="No registration has the id 999999."):
        erase("--registration", "999999")
    with pytest.raises(CommandError, match="nobody@example.org"):
        erase("--email", "nobody@example.org")


def test_negative_retention_is_refused():
    with pytest.raises(CommandError, match="cannot be negative"):
        erase("--days", "-1")


def test_retention_beyond_the_calendar_is_refused():
    with pytest.raises(CommandError, match="cannot be more than 36500"):
        erase("--days", "99999999")


def test_service_returns_nothing_for_a_registration_without_personal_data():
    registration = RegistrationFactory()

    assert erase_personal_data(registration, reason="test") == []
    registration.refresh_from_db()
    assert registration.personal_data_erased_at is None


def test_erasure_empties_earlier_versions_in_the_audit_trail():
    registration = registration_with_personal_data(ended_meeting(days_ago=91))
    registration.passport_number = "P7654321"
    registration.save()
    assert registration.history.filter(passport_number="N1234567").exists()

    erase()

    assert registration.history.count() >= 3
    assert (
        list(
            registration.history.exclude(passport_number="").values_list(
                "passport_number", flat=True
            )
        )
        == []
    )
    assert not registration.history.filter(date_of_birth__isnull=False).exists()
    assert not registration.history.exclude(photo="").exists()


def test_data_left_only_in_the_audit_trail_is_still_erased():
    registration = registration_with_personal_data(ended_meeting(days_ago=91))
    Registration.objects.filter(pk=registration.pk).update(
        **{"passport_number": "", "date_of_birth": None}
    )
    registration.refresh_from_db()
    registration.passport_expiry = None
    registration.emergency_contact_name = ""
    registration.emergency_contact_phone = ""
    registration.dietary_requirements = ""
    registration.accessibility_requirements = ""
    registration.photo = ""
    registration.save()

    output = erase()

    assert "Erased personal data of 1 registration(s)." in output
    assert not registration.history.exclude(passport_number="").exists()
