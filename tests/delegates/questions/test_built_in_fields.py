"""The organisers hide or require some of the form's own fields, per meeting."""

import pytest
from django.urls import reverse

from delegates.enums import Gender, RegistrationStatus
from delegates.models import Registration
from delegates.printing.visa_letters import visa_letter_problem
from delegates.questions.enums import BuiltInMode
from delegates.questions.models import BuiltInFields
from tests.delegates.test_private_link import correction_data
from tests.factories import RegistrationFactory
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db


def register(client, meeting, data):
    return client.post(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug}), data
    )


def form_fields(client, meeting):
    page = client.get(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    )
    return page.context["form"].fields


def test_defaults_ask_as_before(client, meeting):
    fields = form_fields(client, meeting)

    assert {"needs_visa_letter", "passport_number", "gender", "photo"} <= set(fields)
    assert not fields["photo"].required


def test_a_virtual_meeting_asks_no_visa_or_passport_details(client, meeting, visa_data):
    BuiltInFields.objects.create(meeting=meeting, visa_section=BuiltInMode.HIDDEN)

    fields = form_fields(client, meeting)
    register(client, meeting, visa_data)

    assert not {"needs_visa_letter", "passport_number", "date_of_birth"} & set(fields)
    registration = Registration.objects.get()
    assert (
        registration.needs_visa_letter,
        registration.passport_number,
        registration.date_of_birth,
    ) == (False, "", None)
    registration.status = RegistrationStatus.APPROVED
    assert visa_letter_problem(registration) == (
        "No visa support letter was requested with this registration."
    )


def test_hiding_the_visa_section_later_keeps_what_registrations_hold(client, meeting):
    registration = RegistrationFactory(
        meeting=meeting,
        phone="+6621234567",
        consent_privacy=True,
        needs_visa_letter=True,
        nationality="BD",
        passport_number="BX0123456",
        date_of_birth="1978-04-02",
    )
    BuiltInFields.objects.create(meeting=meeting, visa_section=BuiltInMode.HIDDEN)

    client.post(
        registration.get_private_url(),
        correction_data(registration, job_title="Adviser"),
    )

    registration.refresh_from_db()
    assert registration.job_title == "Adviser"
    assert (registration.needs_visa_letter, registration.passport_number) == (
        True,
        "BX0123456",
    )


def test_a_required_photo_must_be_given(client, meeting, form_data):
    BuiltInFields.objects.create(meeting=meeting, photo=BuiltInMode.REQUIRED)

    missing = register(client, meeting, form_data)
    given = register(client, meeting, {**form_data, "photo": upload(image_bytes())})

    assert list(missing.context["form"].errors) == ["photo"]
    assert given.status_code == 302
    assert Registration.objects.get().photo


def test_a_hidden_photo_and_gender_are_not_stored(client, meeting, form_data):
    BuiltInFields.objects.create(
        meeting=meeting, photo=BuiltInMode.HIDDEN, gender=BuiltInMode.HIDDEN
    )

    register(client, meeting, {**form_data, "photo": upload(image_bytes())})

    registration = Registration.objects.get()
    assert not registration.photo
    assert registration.gender == Gender.UNDISCLOSED


@pytest.mark.parametrize(
    ("mode", "given", "stored", "error"),
    [
        (BuiltInMode.VISA_ONLY, "1978-04-02", None, False),
        (BuiltInMode.OPTIONAL, "1978-04-02", "1978-04-02", False),
        (BuiltInMode.OPTIONAL, "", None, False),
        (BuiltInMode.REQUIRED, "", None, True),
    ],
)
def test_the_date_of_birth_asked_of_everyone_or_only_with_a_visa_letter(
    client, meeting, form_data, mode, given, stored, error
):
    BuiltInFields.objects.create(meeting=meeting, date_of_birth=mode)

    response = register(client, meeting, {**form_data, "date_of_birth": given})

    if error:
        assert list(response.context["form"].errors) == ["date_of_birth"]
        assert not Registration.objects.exists()
    else:
        born = Registration.objects.get().date_of_birth
        assert (born.isoformat() if born else None) == stored


def test_a_visa_letter_still_needs_the_date_of_birth_asked_of_everyone(
    client, meeting, visa_data
):
    BuiltInFields.objects.create(meeting=meeting, date_of_birth=BuiltInMode.OPTIONAL)

    response = register(client, meeting, {**visa_data, "date_of_birth": ""})

    assert response.context["form"].errors == {
        "date_of_birth": ["Needed for the visa support letter."]
    }


def test_the_kept_form_shows_a_change_of_built_in_fields_at_once(client, meeting):
    before = form_fields(client, meeting)
    BuiltInFields.objects.create(meeting=meeting, gender=BuiltInMode.HIDDEN)

    page = client.get(
        reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    ).content.decode()

    assert "gender" in before
    assert 'name="gender"' not in page
