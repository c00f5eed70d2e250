import datetime

import pytest

from delegates.forms import RegistrationForm
from tests.factories import RegistrationFactory
from tests.images import PDF_BYTES, image_bytes, upload

pytestmark = pytest.mark.django_db


def make_form(meeting, data=None, files=None):
    return RegistrationForm(data, files, meeting=meeting)


def test_registration_form_complete_data_is_valid(meeting, form_data):
    form = make_form(meeting, form_data)

    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["phone"]) == "+6622881234"
    assert form.cleaned_data["emergency_contact_phone"].as_e164 == "+66812345678"


@pytest.mark.parametrize(
    ("given", "family"),
    [
        ("สิริพร", "ชัยสิทธิ์"),
        ("伟", "李"),
        ("Анна", "Иванова"),
        ("Thị Hương", "Nguyễn"),
        ("José-María", "Ó Súilleabháin"),
    ],
)
def test_registration_form_accepts_names_in_any_script(
    meeting, form_data, given, family
):
    form = make_form(meeting, {**form_data, "given_name": given, "family_name": family})

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["given_name"], form.cleaned_data["family_name"]) == (
        given,
        family,
    )


def test_registration_form_normalises_decomposed_accents(meeting, form_data):
    decomposed = "Nguye\u0302\u0303n"  # e + combining circumflex + combining tilde

    form = make_form(meeting, {**form_data, "family_name": decomposed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["family_name"] == "Nguyễn"


@pytest.mark.parametrize(
    "field",
    ["given_name", "family_name", "badge_name", "job_title", "organisation", "email"],
)
def test_registration_form_10kb_value_is_a_length_error(meeting, form_data, field):
    value = "a" * 10_240 + ("@example.org" if field == "email" else "")

    form = make_form(meeting, {**form_data, field: value})

    assert not form.is_valid()
    assert any("has at most" in message for message in form.errors[field])


def test_registration_form_10kb_accessibility_text_is_a_length_error(
    meeting, form_data
):
    form = make_form(meeting, {**form_data, "accessibility_requirements": "x" * 10_240})

    assert form.errors["accessibility_requirements"] == [
        "Ensure this value has at most 2000 characters (it has 10240)."
    ]


def test_registration_form_10kb_phone_is_an_error(meeting, form_data):
    form = make_form(meeting, {**form_data, "phone": "+66" + "1" * 10_240})

    assert "phone" in form.errors


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "siriporn@@example.org"])
def test_registration_form_invalid_email_is_an_error(meeting, form_data, email):
    form = make_form(meeting, {**form_data, "email": email})

    assert form.errors["email"] == ["Enter a valid email address."]


@pytest.mark.parametrize("phone", ["12345", "+66 123", "call me", "0812345678"])
def test_registration_form_phone_not_in_international_format_is_an_error(
    meeting, form_data, phone
):
    form = make_form(meeting, {**form_data, "phone": phone})

    assert "Enter a valid phone number" in form.errors["phone"][0]


def test_registration_form_phone_error_gives_an_international_example(
    meeting, form_data
):
    form = make_form(meeting, {**form_data, "phone": "0812345678"})

    assert form.errors["phone"] == [
        "Enter a valid phone number in international format with the country "
        "code, e.g. +66 2 288 1234."
    ]


def test_registration_form_chooses_no_gender_for_the_delegate(meeting, form_data):
    empty = make_form(meeting)
    unanswered = make_form(meeting, {**form_data, "gender": ""})

    assert '<option value="" selected>Choose…</option>' in str(empty["gender"])
    assert "Prefer not to say" in str(empty["gender"])
    assert unanswered.errors["gender"] == ["This field is required."]


def test_registration_form_accepts_prefer_not_to_say(meeting, form_data):
    form = make_form(meeting, {**form_data, "gender": "undisclosed"})

    assert form.is_valid(), form.errors


def test_registration_form_requires_phone_and_privacy_consent(meeting, form_data):
    data = {**form_data, "phone": ""}
    del data["consent_privacy"]

    form = make_form(meeting, data)

    assert form.errors["phone"] == ["This field is required."]
    assert form.errors["consent_privacy"] == [
        "Please accept the privacy notice to register."
    ]


def test_registration_form_public_list_consent_is_optional_and_separate(
    meeting, form_data
):
    data = dict(form_data)
    del data["consent_public_list"]

    form = make_form(meeting, data)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["consent_privacy"] is True
    assert form.cleaned_data["consent_public_list"] is False


def test_registration_form_privacy_label_links_to_the_meeting_notice(meeting):
    form = RegistrationForm(meeting=meeting)

    label = str(form.fields["consent_privacy"].label)
    assert f'href="/{meeting.slug}/register/privacy/"' in label


def test_registration_form_visa_letter_requires_passport_details(meeting, form_data):
    form = make_form(meeting, {**form_data, "needs_visa_letter": "on"})

    assert not form.is_valid()
    for field in ["passport_number", "passport_expiry", "date_of_birth"]:
        assert form.errors[field] == ["Needed for the visa support letter."]


def test_registration_form_visa_letter_requires_nationality(meeting, visa_data):
    form = make_form(meeting, {**visa_data, "nationality": ""})

    assert form.errors["nationality"] == ["Needed for the visa support letter."]


def test_registration_form_visa_details_complete_are_valid_and_normalised(
    meeting, visa_data
):
    form = make_form(meeting, visa_data)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["passport_number"] == "BX0123456"


def test_registration_form_passport_expiring_during_the_meeting_is_an_error(
    meeting, visa_data
):
    expiry = meeting.end_date.isoformat()

    form = make_form(meeting, {**visa_data, "passport_expiry": expiry})

    assert form.errors["passport_expiry"] == [
        "Your passport must be valid after the meeting ends on "
        f"{meeting.end_date:%-d %B %Y}; it expires on {meeting.end_date:%-d %B %Y}."
    ]


def test_registration_form_implausible_passport_number_is_an_error(meeting, visa_data):
    form = make_form(meeting, {**visa_data, "passport_number": "<b>1</b>"})

    assert form.errors["passport_number"] == [
        "A passport number has 5 to 20 letters and digits."
    ]


def test_registration_form_without_visa_letter_drops_passport_details(
    meeting, visa_data
):
    data = dict(visa_data)
    del data["needs_visa_letter"]

    form = make_form(meeting, data)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["passport_number"] == ""
    assert form.cleaned_data["passport_expiry"] is None
    assert form.cleaned_data["date_of_birth"] is None


def test_registration_form_arrival_after_the_meeting_is_an_error(meeting, form_data):
    arrival = meeting.end_date + datetime.timedelta(days=1)

    form = make_form(meeting, {**form_data, "arrival_date": arrival.isoformat()})

    earliest = meeting.start_date - datetime.timedelta(days=7)
    assert form.errors["arrival_date"] == [
        f"Please arrive between {earliest:%-d %B %Y} and the last day of the "
        f"meeting, {meeting.end_date:%-d %B %Y}."
    ]


def test_registration_form_arrival_weeks_before_the_meeting_is_an_error(
    meeting, form_data
):
    arrival = meeting.start_date - datetime.timedelta(days=30)

    form = make_form(meeting, {**form_data, "arrival_date": arrival.isoformat()})

    assert "Please arrive between" in form.errors["arrival_date"][0]


def test_registration_form_departure_before_the_meeting_is_an_error(meeting, form_data):
    departure = meeting.start_date - datetime.timedelta(days=1)
    arrival = meeting.start_date - datetime.timedelta(days=3)

    form = make_form(
        meeting,
        {
            **form_data,
            "arrival_date": arrival.isoformat(),
            "departure_date": departure.isoformat(),
        },
    )

    assert (
        "Please leave between the first day of the meeting"
        in (form.errors["departure_date"][0])
    )


def test_registration_form_departure_before_arrival_is_an_error(meeting, form_data):
    form = make_form(
        meeting,
        {
            **form_data,
            "arrival_date": meeting.end_date.isoformat(),
            "departure_date": meeting.start_date.isoformat(),
        },
    )

    assert form.errors["departure_date"] == ["Departure cannot be before arrival."]


def test_registration_form_nonsense_date_is_an_error(meeting, form_data):
    form = make_form(meeting, {**form_data, "arrival_date": "2026-02-31"})

    assert form.errors["arrival_date"] == ["Enter a valid date."]


def test_registration_form_emergency_contact_needs_name_and_phone(meeting, form_data):
    form = make_form(meeting, {**form_data, "emergency_contact_phone": ""})

    assert form.errors["emergency_contact_phone"] == [
        "Please give a phone number for your emergency contact."
    ]


def test_registration_form_does_not_reveal_a_registered_email(meeting, form_data):
    RegistrationFactory(meeting=meeting, email="siriporn@example.org")

    form = make_form(meeting, {**form_data, "email": "Siriporn@Example.org"})

    assert form.is_valid(), form.errors


def test_registration_form_photo_that_is_a_renamed_pdf_is_an_error(meeting, form_data):
    form = make_form(meeting, form_data, {"photo": upload(PDF_BYTES, "me.jpg")})

    assert form.errors["photo"] == ["This file is not a JPEG, PNG or WebP image."]


def test_registration_form_photo_is_reencoded(meeting, form_data):
    form = make_form(meeting, form_data, {"photo": upload(image_bytes("PNG"), "a.png")})

    assert form.is_valid(), form.errors
    assert form.registration_data()["photo"].read(3) == b"\xff\xd8\xff"
