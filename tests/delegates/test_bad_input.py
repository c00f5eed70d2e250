"""Hostile and careless input on the delegates' public forms and private links.

The rule: bad input gets a clear message beside the field it concerns (or a 404
for a link that opens nothing), never a server error, and nothing the delegate
typed is lost or silently changed. Legitimate writing in any script is stored as
typed.
"""

import datetime
import io
import re
import time
import unicodedata
from unittest import mock

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.models import Delegation, Registration
from delegates.tokens import (
    EMAIL_CHANGE_SALT,
    make_delegation_token,
    make_email_change_token,
    make_registration_token,
)
from tests import pdfs
from tests.delegates.nomination import member, nominate_url
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    RegistrationFactory,
    SideEventFactory,
    pdf_bytes,
    pdf_upload,
    publish_programme,
)
from tests.images import PDF_BYTES, image_bytes, png_header_only, upload

pytestmark = pytest.mark.django_db

# Devanagari "qa": a single character that Unicode normalisation (NFC) writes as
# two, so a name of 150 of them is 300 characters once normalised.
QA = "\u0958"


def register_url(meeting):
    return reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})


def register(client, meeting, form_data, **overrides):
    return client.post(register_url(meeting), {**form_data, **overrides})


def errors_of(response, field, form="form"):
    """The messages shown beside `field` on the re-rendered page."""
    assert response.status_code == 200, response.status_code
    return [str(message) for message in response.context[form].errors.get(field, [])]


def assert_refused(response, field, message):
    """The page is shown again with `message` beside `field` and in the HTML."""
    assert any(message in error for error in errors_of(response, field)), (
        response.context["form"].errors
    )
    assert message in response.content.decode()


# The public registration form


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("given_name", 150),
        ("family_name", 150),
        ("badge_name", 150),
        ("job_title", 200),
        ("organisation", 250),
        ("dietary_requirements", 300),
        ("emergency_contact_name", 200),
        ("accessibility_requirements", 2000),
    ],
)
def test_register_with_text_beyond_the_field_length_is_refused_on_the_field(
    client, meeting, form_data, field, limit
):
    response = register(client, meeting, form_data, **{field: "a" * (limit + 1)})

    assert_refused(response, field, f"at most {limit} characters")
    assert not Registration.objects.exists()


@pytest.mark.parametrize("field", ["given_name", "family_name", "badge_name"])
def test_register_with_a_name_longer_than_the_field_once_normalised_is_refused(
    client, meeting, form_data, field
):
    typed = QA * 150
    assert len(unicodedata.normalize("NFC", typed)) == 300

    response = register(client, meeting, form_data, **{field: typed})

    assert_refused(response, field, "at most 150 characters")
    assert not Registration.objects.exists()


def test_register_with_an_email_beyond_254_characters_is_refused(
    client, meeting, form_data
):
    response = register(client, meeting, form_data, email="a" * 250 + "@example.org")

    assert_refused(response, "email", "at most 254 characters")
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "field",
    [
        "given_name",
        "family_name",
        "badge_name",
        "job_title",
        "organisation",
        "dietary_requirements",
        "accessibility_requirements",
        "emergency_contact_name",
        "email",
        "phone",
        "passport_number",
    ],
)
def test_register_with_a_nul_byte_in_a_text_field_is_refused_on_the_field(
    client, meeting, visa_data, field
):
    value = visa_data.get(field) or "text"
    response = register(client, meeting, visa_data, **{field: value[:3] + "\x00x"})

    assert_refused(response, field, "Null characters are not allowed.")
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("given_name", "Siri\x07porn"),
        ("family_name", "Chaiyasit\x1b[31m"),
        ("badge_name", "Siri\nporn"),
        ("job_title", "Director\rGeneral"),
        ("organisation", "Ministry\x0bof Foreign Affairs"),
        ("dietary_requirements", "Vegetarian\x08"),
        ("emergency_contact_name", "Somchai\x7f"),
        ("accessibility_requirements", "Wheelchair\x0c access"),
        ("accessibility_requirements", "Step-free\x85access"),
        ("given_name", "Siri\u2028porn"),
        ("organisation", "Ministry\u2029of Foreign Affairs"),
    ],
)
def test_register_with_control_characters_in_text_is_refused_on_the_field(
    client, meeting, form_data, field, value
):
    response = register(client, meeting, form_data, **{field: value})

    assert_refused(response, field, "invisible control characters")
    assert not Registration.objects.exists()


def test_register_keeps_line_breaks_and_tabs_in_the_accessibility_needs(
    client, meeting, form_data
):
    needs = "Wheelchair access\r\nA seat near the door\tplease"

    response = register(client, meeting, form_data, accessibility_requirements=needs)

    assert response.status_code == 302
    assert Registration.objects.get().accessibility_requirements == needs


def test_register_stores_any_script_emoji_and_right_to_left_text_as_typed(
    client, meeting, form_data
):
    written = {
        "given_name": "محمد",
        "family_name": "Nguyễn",
        "badge_name": "🌏 Siriporn ✨",
        "job_title": "\u200fمدير عام",
        "organisation": "กระทรวงการต่างประเทศ",
        "dietary_requirements": "🥗 vegan, no 🥜",
        "emergency_contact_name": "Σωκράτης Παπαδόπουλος",
        "accessibility_requirements": "👨‍🦽 wheelchair; שפת סימנים",
    }

    response = register(client, meeting, form_data, **written)

    assert response.status_code == 302
    registration = Registration.objects.get()
    for field, value in written.items():
        assert getattr(registration, field) == value


def test_register_stores_a_name_with_combining_accents_in_one_spelling(
    client, meeting, form_data
):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")

    register(client, meeting, form_data, family_name=decomposed)

    assert Registration.objects.get().family_name == "Nguyễn Thị Ánh"


@pytest.mark.parametrize(
    "field", ["given_name", "family_name", "job_title", "organisation"]
)
@pytest.mark.parametrize("blank", ["   ", "\t\n", "\u00a0\u3000"])
def test_register_with_a_whitespace_only_required_field_is_refused(
    client, meeting, form_data, field, blank
):
    response = register(client, meeting, form_data, **{field: blank})

    assert_refused(response, field, "This field is required.")
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "field", ["given_name", "family_name", "badge_name", "organisation"]
)
@pytest.mark.parametrize("invisible", ["\u200b", "\u200b\u200d\u2060", "\ufeff \u200c"])
def test_register_with_text_of_invisible_characters_only_is_refused(
    client, meeting, form_data, field, invisible
):
    response = register(client, meeting, form_data, **{field: invisible})

    assert_refused(response, field, "no visible characters")
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "email",
    [
        "not-an-email",
        "siriporn@",
        "@example.org",
        "siri porn@example.org",
        "siriporn@@example.org",
        "siriporn@example..org",
        "siriporn@example.org\nBcc: victim@example.org",
        "siriporn@example.org, other@example.org",
    ],
)
def test_register_with_an_invalid_email_is_refused(client, meeting, form_data, email):
    response = register(client, meeting, form_data, email=email)

    assert_refused(response, "email", "Enter a valid email address.")
    assert not Registration.objects.exists()


def test_register_with_an_international_address_stores_it_as_typed(
    client, meeting, form_data
):
    response = register(client, meeting, form_data, email="Siriporn@Exämple.org")

    assert response.status_code == 302
    assert Registration.objects.get().email == "Siriporn@Exämple.org"


@pytest.mark.parametrize("phone", ["call me", "12", "+66 " + "9" * 30, "+0 000"])
def test_register_with_an_invalid_phone_is_refused(client, meeting, form_data, phone):
    response = register(client, meeting, form_data, phone=phone)

    assert_refused(response, "phone", "Enter a valid phone number")
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("born", "message"),
    [
        ("2999-01-01", "Please check your date of birth."),
        ("0001-01-01", "Please check your date of birth."),
        ("1899-12-31", "Please check your date of birth."),
        ("1978-02-30", "Enter a valid date."),
        ("1978-13-01", "Enter a valid date."),
        ("19780402", "Enter a valid date."),
        ("99999-01-01", "Enter a valid date."),
        ("0000-01-01", "Enter a valid date."),
        ("yesterday", "Enter a valid date."),
    ],
)
def test_register_with_an_impossible_date_of_birth_is_refused(
    client, meeting, visa_data, born, message
):
    response = register(client, meeting, visa_data, date_of_birth=born)

    assert_refused(response, "date_of_birth", message)
    assert not Registration.objects.exists()


def test_register_with_a_date_of_birth_in_the_future_is_refused(
    client, meeting, visa_data
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = register(client, meeting, visa_data, date_of_birth=tomorrow.isoformat())

    assert_refused(response, "date_of_birth", "Please check your date of birth.")


@pytest.mark.parametrize("days_after_the_end", [-400, -1, 0])
def test_register_with_a_passport_expiring_by_the_meeting_end_is_refused(
    client, meeting, visa_data, days_after_the_end
):
    expiry = meeting.end_date + datetime.timedelta(days=days_after_the_end)

    response = register(client, meeting, visa_data, passport_expiry=expiry.isoformat())

    assert_refused(response, "passport_expiry", "Your passport must be valid after")
    assert not Registration.objects.exists()


def test_register_with_a_passport_expiring_in_year_one_is_refused(
    client, meeting, visa_data
):
    response = register(client, meeting, visa_data, passport_expiry="0001-01-01")

    assert_refused(response, "passport_expiry", "Your passport must be valid after")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date_of_birth", "2999-01-01"),
        ("date_of_birth", "02/30/1978"),
        ("passport_expiry", "not a date"),
        ("passport_number", "X" * 40),
    ],
)
def test_register_without_a_visa_letter_ignores_the_hidden_passport_fields(
    client, meeting, form_data, field, value
):
    # The passport fields are hidden once the box is unticked, and never kept
    # without it: a mistake left in them must not block the registration unseen.
    response = register(client, meeting, form_data, **{field: value})

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert not registration.needs_visa_letter
    assert (
        registration.passport_number,
        registration.passport_expiry,
        registration.date_of_birth,
    ) == ("", None, None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("arrival_date", "0001-01-01", "Please arrive between"),
        ("arrival_date", "9999-12-31", "Please arrive between"),
        ("departure_date", "0001-01-01", "Please leave between"),
        ("departure_date", "9999-12-31", "Please leave between"),
        ("departure_date", "31/12/2026", "Enter a valid date."),
    ],
)
def test_register_with_travel_dates_at_the_ends_of_the_calendar_is_refused(
    client, meeting, form_data, field, value, message
):
    response = register(client, meeting, form_data, **{field: value})

    assert_refused(response, field, message)
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "XX"),
        ("country", "th"),
        ("country", "THA"),
        ("nationality", "ZZ"),
        ("category", "emperor"),
        ("honorific", "king"),
        ("gender", "0"),
        ("role", "head-of-state"),
    ],
)
def test_register_with_a_tampered_choice_is_refused_on_the_field(
    client, meeting, form_data, field, value
):
    response = register(client, meeting, form_data, **{field: value})

    assert_refused(response, field, "Select a valid choice.")
    assert not Registration.objects.exists()


def test_register_ignores_fields_that_are_not_the_delegates_to_set(
    client, meeting, form_data
):
    other_meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting)

    tampered = {
        **form_data,
        "status": RegistrationStatus.APPROVED,
        "meeting": other_meeting.pk,
        "delegation": delegation.pk,
        "access_key": "chosen-by-the-visitor",
        "personal_data_erased_at": "2020-01-01",
    }

    response = client.post(register_url(meeting), tampered)

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.meeting == meeting
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.delegation is None
    assert registration.access_key != "chosen-by-the-visitor"
    assert registration.personal_data_erased_at is None


@pytest.mark.parametrize("choice", ["abc", "-1", "99999999999999999999", "1.5"])
def test_register_with_a_forged_side_event_choice_is_refused(
    client, meeting, form_data, choice
):
    SideEventFactory(meeting=meeting)
    publish_programme(meeting)

    response = register(client, meeting, form_data, side_events=[choice])

    assert_refused(response, "side_events", "no longer open to wishes")
    assert not Registration.objects.exists()


def test_register_for_a_side_event_of_another_meeting_is_refused(
    client, meeting, form_data
):
    SideEventFactory(meeting=meeting)
    elsewhere = SideEventFactory(meeting=MeetingFactory())
    publish_programme(meeting)
    publish_programme(elsewhere.session.meeting)

    response = register(client, meeting, form_data, side_events=[str(elsewhere.pk)])

    assert_refused(response, "side_events", "no longer open to wishes")
    assert not Registration.objects.exists()


def test_register_for_a_side_event_taken_off_the_list_since_the_form_opened(
    client, meeting, form_data
):
    kept = SideEventFactory(meeting=meeting, session__title="Youth forum")
    withdrawn = SideEventFactory(meeting=meeting, session__title="Breakfast")
    publish_programme(meeting)
    client.get(register_url(meeting))
    withdrawn.allow_signup_at_registration = False
    withdrawn.save()

    response = register(
        client, meeting, form_data, side_events=[str(kept.pk), str(withdrawn.pk)]
    )

    assert_refused(response, "side_events", "no longer open to wishes")
    html = response.content.decode()
    (kept_box,) = [
        tag
        for tag in re.findall(r"<input[^>]*>", html)
        if 'name="side_events"' in tag and f'value="{kept.pk}"' in tag
    ]
    assert "checked" in kept_box
    assert "Breakfast" not in html
    assert not Registration.objects.exists()


def test_register_twice_with_the_same_data_keeps_one_registration(
    client, meeting, form_data
):
    first = register(client, meeting, form_data)
    second = register(client, meeting, form_data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1


def test_register_twice_with_the_email_in_another_case_keeps_one_registration(
    client, meeting, form_data
):
    register(client, meeting, form_data)
    register(client, meeting, form_data, email=form_data["email"].upper())

    assert list(Registration.objects.values_list("email", flat=True)) == [
        form_data["email"]
    ]


def test_register_with_errors_shows_the_form_again_with_what_was_typed(
    client, meeting, visa_data
):
    typed = {
        **visa_data,
        "given_name": "محمد",
        "family_name": "Nguyễn",
        "organisation": "Ministry of Foreign Affairs & Trade",
        "dietary_requirements": "Halal, no nuts",
        "accessibility_requirements": "A seat near the door",
        "email": "not-an-email",
    }

    response = client.post(register_url(meeting), typed)

    html = response.content.decode()
    assert errors_of(response, "email")
    for value in [
        'value="محمد"',
        'value="Nguyễn"',
        'value="Ministry of Foreign Affairs &amp; Trade"',
        'value="Halal, no nuts"',
        "A seat near the door</textarea>",
        'value="not-an-email"',
        'value="bx 0123456"',
        f'value="{visa_data["passport_expiry"]}"',
        'value="1978-04-02"',
        '<option value="BD" selected>',
    ]:
        assert value in html, value


# Photos


CHOOSE_AGAIN = "please choose it again"


def test_register_with_errors_asks_to_choose_the_photo_again(
    client, meeting, form_data
):
    response = register(
        client, meeting, form_data, email="siriporn@", photo=upload(image_bytes())
    )

    assert errors_of(response, "email")
    assert "photo" not in response.context["form"].errors
    html = response.content.decode()
    assert CHOOSE_AGAIN in html
    assert html.index(CHOOSE_AGAIN) > html.index('name="photo"')


def test_register_with_errors_and_no_photo_chosen_asks_for_nothing_again(
    client, meeting, form_data
):
    response = register(client, meeting, form_data, email="siriporn@")

    assert CHOOSE_AGAIN not in response.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (PDF_BYTES, "photo.jpg", "not a JPEG, PNG or WebP image"),
        (b"", "photo.jpg", "The submitted file is empty."),
        (b"\x00" * 2048, "photo.png", "not a JPEG, PNG or WebP image"),
        (image_bytes()[:600], "photo.jpg", "damaged or incomplete"),
        (image_bytes(fmt="GIF"), "photo.gif", "please upload a JPEG, PNG or WebP"),
        (image_bytes(size=(40, 40)), "photo.jpg", "too small"),
        (png_header_only(60_000, 60_000), "photo.png", "too many pixels"),
        (png_header_only(1, 2**31 - 1), "photo.png", "too many pixels"),
    ],
)
def test_register_with_a_photo_that_is_no_usable_image_is_refused(
    client, meeting, form_data, content, name, message
):
    response = register(client, meeting, form_data, photo=upload(content, name))

    assert_refused(response, "photo", message)
    assert not Registration.objects.exists()


def test_register_with_a_camera_jpeg_holding_several_pictures_keeps_the_first(
    client, meeting, form_data
):
    # Phones and cameras write "multi-picture" JPEGs; Pillow calls them MPO.
    first, second = Image.new("RGB", (400, 500), "navy"), Image.new("RGB", (400, 500))
    output = io.BytesIO()
    first.save(output, format="MPO", save_all=True, append_images=[second])

    response = register(
        client, meeting, form_data, photo=upload(output.getvalue(), "IMG_0001.JPG")
    )

    assert response.status_code == 302
    with Registration.objects.get().photo.open() as stored:
        photo = Image.open(io.BytesIO(stored.read()))
        assert (photo.format, photo.size) == ("JPEG", (400, 500))
        assert photo.getpixel((200, 250)) == pytest.approx((0, 0, 128), abs=3)


def test_register_with_a_photo_whose_name_is_long_and_odd_stores_it(
    client, meeting, form_data
):
    name = "📷 " + "x" * 80 + ".j\u202epg"

    response = register(client, meeting, form_data, photo=upload(image_bytes(), name))

    assert response.status_code == 302
    assert Registration.objects.get().photo.name.endswith(".jpg")


def test_register_then_the_own_badge_and_visa_letter_print_names_in_any_script(
    client, meeting, visa_data
):
    register(
        client,
        meeting,
        visa_data,
        given_name="محمد 🌏",
        family_name="O'Brien <b>&amp; Nguyễn",
        organisation="Ministry <i>of</i> & Trade",
    )
    registration = Registration.objects.get()
    registration.status = RegistrationStatus.APPROVED
    registration.save()

    for route in ["delegates:own_badge", "delegates:own_visa_letter"]:
        url = reverse(
            route,
            kwargs={
                "meeting_slug": meeting.slug,
                "token": make_registration_token(registration),
            },
        )
        response = client.get(url)
        assert response.status_code == 200, route
        assert response["Content-Type"] == "application/pdf"


# The private link


def manage_url(registration, token=None):
    return reverse(
        "delegates:manage",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": token
            if token is not None
            else make_registration_token(registration),
        },
    )


def correction_data(registration, **changes):
    return {
        "honorific": registration.honorific,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "badge_name": registration.badge_name,
        "gender": registration.gender,
        "job_title": registration.job_title,
        "organisation": registration.organisation,
        "category": registration.category,
        "country": registration.country.code,
        "nationality": "",
        "role": registration.role,
        "email": registration.email,
        "phone": "+66 2 288 1234",
        "consent_privacy": "on",
        **changes,
    }


@pytest.fixture
def registration(meeting):
    return RegistrationFactory(
        meeting=meeting,
        given_name="Budi",
        family_name="Santoso",
        email="budi@example.org",
        phone="+6622881234",
        consent_privacy=True,
    )


def forged_tokens(registration):
    genuine = make_registration_token(registration)
    key, signature = genuine.rsplit(":", 1)
    return {
        "truncated": genuine[:-1],
        "signature only": signature,
        "key only": key,
        "other signature": f"{key}:{'A' * len(signature)}",
        "empty signature": f"{key}:",
        "other key": f"{'A' * len(key)}:{signature}",
        "delegation salt": signing.Signer(salt="delegates.delegation-link").sign(key),
        "percent": "%" + genuine,
        "very long": "A" * 5000 + ":" + signature,
        "unicode": "ключ:подпись",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "truncated",
        "signature only",
        "key only",
        "other signature",
        "empty signature",
        "other key",
        "delegation salt",
        "percent",
        "very long",
        "unicode",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_private_link_with_a_forged_token_is_not_found(
    client, registration, kind, method
):
    token = forged_tokens(registration)[kind]

    response = getattr(client, method)(manage_url(registration, token))

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    registration.refresh_from_db()
    assert registration.given_name == "Budi"


@pytest.mark.parametrize(
    "route",
    [
        "delegates:cancel",
        "delegates:own_badge",
        "delegates:own_photo",
        "delegates:own_visa_letter",
        "side_events:calendar",
    ],
)
def test_pages_of_the_private_link_with_a_forged_token_are_not_found(
    client, registration, route
):
    for token in forged_tokens(registration).values():
        url = reverse(
            route, kwargs={"meeting_slug": registration.meeting.slug, "token": token}
        )

        response = client.post(url) if route == "delegates:cancel" else client.get(url)

        assert response.status_code == 404, token
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


@pytest.mark.parametrize(
    "route",
    [
        "delegates:manage",
        "delegates:cancel",
        "delegates:own_badge",
        "delegates:confirm_email",
        "delegates:delegation_manage",
        "delegates:delegation_letter",
    ],
)
def test_private_links_with_a_nul_character_are_a_bad_request(
    client, registration, route
):
    # consultation/middleware.py turns such an address away before any lookup.
    url = reverse(
        route,
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": make_registration_token(registration) + "\x00",
        },
    )

    response = client.post(url)

    assert response.status_code == 400
    assert "not allowed" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_private_link_under_another_meetings_address_is_not_found(client, registration):
    other = MeetingFactory()
    url = reverse(
        "delegates:manage",
        kwargs={
            "meeting_slug": other.slug,
            "token": make_registration_token(registration),
        },
    )

    response = client.get(url)

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", "a" * 151, "at most 150 characters"),
        ("badge_name", QA * 150, "at most 150 characters"),
        ("family_name", "Santoso\x07", "invisible control characters"),
        ("family_name", "  ", "This field is required."),
        ("email", "budi@", "Enter a valid email address."),
        ("country", "XX", "Select a valid choice."),
    ],
)
def test_correction_with_bad_input_is_refused_and_keeps_what_is_stored(
    client, registration, field, value, message
):
    data = correction_data(registration, organisation="New Ministry", **{field: value})

    response = client.post(manage_url(registration), data)

    assert_refused(response, field, message)
    assert 'value="New Ministry"' in response.content.decode()
    registration.refresh_from_db()
    assert (registration.organisation, registration.family_name) == (
        "Ministry of Foreign Affairs",
        "Santoso",
    )
    assert not registration.corrections.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (PDF_BYTES, "not a JPEG, PNG or WebP image"),
        (image_bytes()[:600], "damaged or incomplete"),
        (png_header_only(60_000, 60_000), "too many pixels"),
    ],
)
def test_correction_with_a_bad_photo_keeps_the_photo_on_file(
    client, registration, content, message
):
    client.post(
        manage_url(registration),
        {**correction_data(registration), "photo": upload(image_bytes())},
    )
    registration.refresh_from_db()
    photo_on_file = registration.photo.name

    response = client.post(
        manage_url(registration),
        {**correction_data(registration), "photo": upload(content, "new.jpg")},
    )

    assert_refused(response, "photo", message)
    registration.refresh_from_db()
    assert registration.photo.name == photo_on_file
    assert registration.photo.storage.exists(photo_on_file)


def test_correction_clearing_and_replacing_the_photo_at_once_is_refused(
    client, registration
):
    data = {
        **correction_data(registration),
        "photo": upload(image_bytes()),
        "photo-clear": "on",
    }

    response = client.post(manage_url(registration), data)

    assert_refused(response, "photo", "Please either submit a file or check")
    registration.refresh_from_db()
    assert not registration.photo


def test_correction_cannot_change_what_a_delegation_decides(client, meeting):
    delegation = DelegationFactory(meeting=meeting, country="TH")
    member = RegistrationFactory(
        meeting=meeting,
        delegation=delegation,
        role=DelegationRole.DELEGATE,
        country="TH",
        phone="+6622881234",
        consent_privacy=True,
    )
    data = correction_data(
        member,
        category=ParticipantCategory.CIVIL_SOCIETY,
        country="FR",
        role=DelegationRole.HEAD,
        delegation="",
        status=RegistrationStatus.APPROVED,
    )

    client.post(manage_url(member), data)

    member.refresh_from_db()
    assert (member.category, member.country.code, member.role) == (
        ParticipantCategory.MEMBER_STATE,
        "TH",
        DelegationRole.DELEGATE,
    )
    assert member.delegation == delegation
    assert member.status == RegistrationStatus.SUBMITTED


# Email confirmation links


def confirm_email_url(meeting, token):
    return reverse(
        "delegates:confirm_email", kwargs={"meeting_slug": meeting.slug, "token": token}
    )


def test_email_confirmation_link_forged_truncated_or_expired_is_not_found(
    client, registration
):
    genuine = make_email_change_token(registration, "new@example.org")
    four_days_ago = time.time() - datetime.timedelta(days=4).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=four_days_ago):
        expired = make_email_change_token(registration, "new@example.org")
    tokens = [
        expired,
        genuine[:-1],
        genuine[:20],
        "A" * 3000,
        signing.dumps("not a list", salt=EMAIL_CHANGE_SALT),
        signing.dumps([1, 2], salt=EMAIL_CHANGE_SALT),
        signing.dumps(["x", None, None], salt=EMAIL_CHANGE_SALT),
        signing.dumps([[1], "new@example.org", "f"], salt=EMAIL_CHANGE_SALT),
        signing.dumps([2**63, "new@example.org", "f"], salt=EMAIL_CHANGE_SALT),
        signing.dumps(
            [registration.pk, "new@example.org", "f"],
            salt="delegates.registration-link",
        ),
    ]

    for token in tokens:
        for method in ("get", "post"):
            response = getattr(client, method)(
                confirm_email_url(registration.meeting, token)
            )
            assert response.status_code == 404, token
            assert "This link" in response.content.decode()
    registration.refresh_from_db()
    assert registration.email == "budi@example.org"


# Resend my link


def resend_url(meeting):
    return reverse("delegates:resend_link", kwargs={"meeting_slug": meeting.slug})


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("budi", "Enter a valid email address."),
        ("budi@example.org\x00", "Null characters are not allowed."),
        ("a" * 250 + "@example.org", "at most 254 characters"),
        ("budi@example.org\r\nBcc: x@example.org", "Enter a valid email address."),
    ],
)
def test_resend_link_with_a_bad_address_is_refused_on_the_field(
    client, meeting, email, message
):
    response = client.post(resend_url(meeting), {"email": email})

    assert_refused(response, "email", message)


def test_resend_link_with_a_bad_address_keeps_what_was_typed(client, meeting):
    response = client.post(resend_url(meeting), {"email": "budi@example"})

    assert_refused(response, "email", "Enter a valid email address.")
    assert 'value="budi@example"' in response.content.decode()


# Nominating a delegation


def nomination(**overrides):
    data = {
        "category": "member_state",
        "country": "TH",
        "name": "",
        "focal_point_name": "Ms Focal Point",
        "focal_point_email": "focal@mfa.example.org",
        "members_informed": "on",
        "credentials_letter": pdf_upload(),
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        **member(0, role="head"),
        **member(1),
    }
    data.update(overrides)
    return data


def test_nominate_valid_data_creates_the_delegation(client, meeting):
    response = client.post(nominate_url(meeting), nomination())

    assert response.status_code == 302
    assert Registration.objects.filter(delegation__isnull=False).count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "a" * 251, "at most 250 characters"),
        ("focal_point_name", "a" * 201, "at most 200 characters"),
        ("focal_point_name", "Ms\x00Focal", "Null characters are not allowed."),
        ("focal_point_name", "Ms\x1bFocal", "invisible control characters"),
        ("focal_point_name", " \t ", "This field is required."),
        ("focal_point_email", "focal@", "Enter a valid email address."),
        ("country", "XX", "Select a valid choice."),
        ("category", "media", "Select a valid choice."),
        ("category", "secretariat", "Select a valid choice."),
    ],
)
def test_nominate_with_bad_delegation_details_is_refused_on_the_field(
    client, meeting, field, value, message
):
    response = client.post(nominate_url(meeting), nomination(**{field: value}))

    assert_refused(response, field, message)
    assert not Delegation.objects.exists()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (image_bytes(), "letter.pdf", "must be a PDF file"),
        (b"", "letter.pdf", "The submitted file is empty."),
        (b"%PDF-1.4\n garbage", "letter.pdf", "could not be read"),
        (pdf_bytes()[:200], "letter.pdf", "could not be read"),
        (pdf_bytes(pages=31), "letter.pdf", "between 1 and 30 pages"),
    ],
)
def test_nominate_with_a_letter_that_is_no_usable_pdf_is_refused(
    client, meeting, content, name, message
):
    letter = upload(content, name, "application/pdf")

    response = client.post(nominate_url(meeting), nomination(credentials_letter=letter))

    assert_refused(response, "credentials_letter", message)
    assert not Delegation.objects.exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (pdfs.pdf_with_javascript, "contains scripts, automatic actions"),
        (pdfs.pdf_with_an_attached_file, "or attached files"),
        (pdfs.pdf_bomb, "unpacks to far more data than a letter holds"),
    ],
)
def test_nominate_with_a_letter_that_could_run_or_explode_is_refused(
    client, meeting, make, message
):
    letter = upload(make(), "letter.pdf", "application/pdf")

    response = client.post(nominate_url(meeting), nomination(credentials_letter=letter))

    assert_refused(response, "credentials_letter", message)
    assert not Delegation.objects.exists()


def test_nominate_with_a_letter_under_a_long_odd_name_stores_it_as_a_pdf(
    client, meeting
):
    letter = upload(pdf_bytes(), "note." + "x" * 90, "application/pdf")

    response = client.post(nominate_url(meeting), nomination(credentials_letter=letter))

    assert response.status_code == 302
    assert Delegation.objects.get().credentials_letter.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"members-TOTAL_FORMS": "abc"}, "ManagementForm data is missing"),
        ({"members-TOTAL_FORMS": ""}, "ManagementForm data is missing"),
        ({"members-TOTAL_FORMS": "1000"}, "Please submit at most 20 forms."),
        ({"members-TOTAL_FORMS": "-3"}, "Please name at least one member."),
        ({"members-INITIAL_FORMS": "x"}, "ManagementForm data is missing"),
    ],
)
def test_nominate_with_a_tampered_member_count_is_refused(
    client, meeting, overrides, message
):
    response = client.post(nominate_url(meeting), nomination(**overrides))

    assert response.status_code == 200
    assert any(
        message in error for error in response.context["formset"].non_form_errors()
    )
    assert not Delegation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", "a" * 151, "at most 150 characters"),
        ("family_name", "Family\x07", "invisible control characters"),
        ("job_title", "\u3000", "This field is required."),
        ("email", "member1@", "Enter a valid email address."),
        ("role", "emperor", "Select a valid choice."),
        ("honorific", "<script>", "Select a valid choice."),
    ],
)
def test_nominate_with_a_bad_member_row_is_refused_beside_the_row(
    client, meeting, field, value, message
):
    response = client.post(
        nominate_url(meeting), nomination(**member(1, **{field: value}))
    )

    assert response.status_code == 200
    errors = [
        str(error) for error in response.context["formset"].forms[1].errors[field]
    ]
    assert any(message in error for error in errors), errors
    assert not Delegation.objects.exists()


def test_nominate_with_a_bad_member_row_asks_to_choose_the_letter_again(
    client, meeting
):
    data = nomination(**member(1, email="member1@"))

    response = client.post(nominate_url(meeting), data)

    assert not response.context["form"].errors
    html = response.content.decode()
    assert CHOOSE_AGAIN in html
    assert html.index(CHOOSE_AGAIN) > html.index('name="credentials_letter"')


def test_nominate_twice_with_the_same_data_keeps_one_delegation(client, meeting):
    client.post(nominate_url(meeting), nomination())

    response = client.post(nominate_url(meeting), nomination())

    assert_refused(response, "country", "already registered")
    assert Delegation.objects.count() == 1
    assert Registration.objects.count() == 2


def test_nominate_with_errors_shows_the_form_again_with_what_was_typed(client, meeting):
    data = nomination(
        focal_point_email="focal@",
        **member(0, role="head", given_name="Ánh", family_name="Nguyễn"),
    )

    response = client.post(nominate_url(meeting), data)

    html = response.content.decode()
    assert errors_of(response, "focal_point_email")
    for value in [
        'value="focal@"',
        'value="Ms Focal Point"',
        'value="Ánh"',
        'value="Nguyễn"',
    ]:
        assert value in html, value


# The focal point's link


def delegation_url(route, delegation, token=None, **kwargs):
    return reverse(
        route,
        kwargs={
            "meeting_slug": delegation.meeting.slug,
            "token": token if token is not None else make_delegation_token(delegation),
            **kwargs,
        },
    )


@pytest.fixture
def delegation(meeting):
    delegation = DelegationFactory(meeting=meeting)
    RegistrationFactory(
        meeting=meeting, delegation=delegation, role=DelegationRole.HEAD
    )
    return delegation


@pytest.mark.parametrize(
    "route",
    [
        "delegates:delegation_manage",
        "delegates:delegation_letter",
        "delegates:delegation_credentials_letter",
    ],
)
def test_focal_point_pages_with_a_forged_token_are_not_found(client, delegation, route):
    genuine = make_delegation_token(delegation)
    key, signature = genuine.rsplit(":", 1)
    registration_token = signing.Signer(salt="delegates.registration-link").sign(key)
    for token in [genuine[:-1], key, f"{key}:", registration_token]:
        for method in ("get", "post"):
            response = getattr(client, method)(delegation_url(route, delegation, token))
            assert response.status_code == 404, (token, method)


@pytest.mark.parametrize(
    "route",
    ["delegates:delegation_replace_member", "delegates:delegation_withdraw_member"],
)
def test_focal_point_acting_on_a_member_not_theirs_is_not_found(
    client, delegation, route
):
    other_delegation = DelegationFactory(meeting=delegation.meeting)
    stranger = RegistrationFactory(
        meeting=delegation.meeting, delegation=other_delegation
    )
    loner = RegistrationFactory(meeting=delegation.meeting)
    for member_id in [stranger.pk, loner.pk, 0, 2**31, 2**63, 10**30]:
        response = client.post(delegation_url(route, delegation, member_id=member_id))
        assert response.status_code == 404, member_id
    assert Registration.objects.filter(status=RegistrationStatus.CANCELLED).count() == 0


def test_focal_point_acting_on_a_member_by_a_non_numeric_id_is_not_found(
    client, delegation
):
    url = (
        delegation_url("delegates:delegation_manage", delegation)
        + "members/abc/withdraw/"
    )

    assert client.post(url).status_code == 404


def test_focal_point_adding_members_twice_keeps_one_of_each(client, delegation):
    data = {
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        **member(0),
    }
    url = delegation_url("delegates:delegation_manage", delegation)

    client.post(url, data)
    response = client.post(url, data)

    assert response.status_code == 200
    errors = response.context["formset"].forms[0].errors["email"]
    assert "already registered" in errors[0]
    assert delegation.members.count() == 2


def test_focal_point_adding_a_member_with_bad_input_is_refused_beside_the_row(
    client, delegation
):
    data = {
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        **member(0, given_name="Given\x1b", organisation="Ministry of Finance"),
    }

    response = client.post(
        delegation_url("delegates:delegation_manage", delegation), data
    )

    assert response.status_code == 200
    assert (
        "invisible control characters"
        in response.context["formset"].forms[0].errors["given_name"][0]
    )
    assert 'value="Ministry of Finance"' in response.content.decode()
    assert delegation.members.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", "New\x1b", "invisible control characters"),
        ("email", "new@", "Enter a valid email address."),
        ("role", "emperor", "Select a valid choice."),
    ],
)
def test_focal_point_replacing_a_member_with_bad_input_keeps_the_member(
    client, delegation, field, value, message
):
    member = RegistrationFactory(meeting=delegation.meeting, delegation=delegation)
    data = {
        "role": "delegate",
        "honorific": "ms",
        "given_name": "New",
        "family_name": "Person",
        "job_title": "Counsellor",
        "organisation": "Permanent Mission",
        "email": "new.person@mission.example.org",
        "gender": "female",
        field: value,
    }
    url = delegation_url(
        "delegates:delegation_replace_member", delegation, member_id=member.pk
    )

    response = client.post(url, data)

    assert_refused(response, field, message)
    assert 'value="Permanent Mission"' in response.content.decode()
    member.refresh_from_db()
    assert member.status == RegistrationStatus.SUBMITTED
    assert delegation.members.count() == 2


def test_focal_point_replacing_a_member_by_someone_registered_says_so(
    client, delegation
):
    member = RegistrationFactory(meeting=delegation.meeting, delegation=delegation)
    RegistrationFactory(meeting=delegation.meeting, email="taken@example.org")
    data = {
        "role": "delegate",
        "honorific": "ms",
        "given_name": "New",
        "family_name": "Person",
        "job_title": "Counsellor",
        "organisation": "Permanent Mission",
        "email": "TAKEN@example.org",
        "gender": "female",
    }
    url = delegation_url(
        "delegates:delegation_replace_member", delegation, member_id=member.pk
    )

    response = client.post(url, data)

    assert_refused(response, "email", "already registered for this meeting")
    member.refresh_from_db()
    assert member.status == RegistrationStatus.SUBMITTED


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (image_bytes(), "must be a PDF file"),
        (b"%PDF-1.7 not really", "could not be read"),
    ],
)
def test_focal_point_sending_a_letter_that_is_no_pdf_is_refused(
    client, delegation, content, message
):
    letter = upload(content, "letter.pdf", "application/pdf")

    response = client.post(
        delegation_url("delegates:delegation_letter", delegation), {"letter": letter}
    )

    assert response.status_code == 200
    assert any(
        message in str(error) for error in response.context["form"].errors["letter"]
    )
    assert CHOOSE_AGAIN in response.content.decode()
    delegation.refresh_from_db()
    assert not delegation.credentials_letter


# Participant pages


def test_participant_pages_list_names_in_any_script(client, meeting):
    for given, family in [("محمد", "الأحمد"), ("Ánh", "Nguyễn"), ("🌏", "O'Brien <&>")]:
        RegistrationFactory(
            meeting=meeting,
            given_name=given,
            family_name=family,
            status=RegistrationStatus.APPROVED,
            consent_public_list=True,
        )
    pages = [
        reverse("participants:list", kwargs={"meeting_slug": meeting.slug}),
        reverse("participants:pdf", kwargs={"meeting_slug": meeting.slug}),
    ]

    html = client.get(pages[0]).content.decode()
    assert client.get(pages[1]).status_code == 200
    assert (
        "الأحمد" in html and "Nguyễn" in html and "O&#x27;Brien &lt;&amp;&gt;" in html
    )


def test_participant_pages_of_an_unknown_meeting_are_not_found(client):
    for route in ["participants:list", "participants:pdf"]:
        url = reverse(route, kwargs={"meeting_slug": "no-such-meeting"})
        assert client.get(url).status_code == 404


def test_the_fields_choices_hold_the_choice_constraints_without_a_query():
    """A value outside a field's choices is that field's error; a valid one is not
    checked again with a query per constraint (the database still holds them)."""
    meeting = MeetingFactory()
    refused = Registration(meeting=meeting, category="astronaut", role="delegate")
    valid = RegistrationFactory.build(meeting=meeting)

    with pytest.raises(ValidationError) as error:
        refused.full_clean(exclude=["email"])
    with CaptureQueriesContext(connection) as queries:
        valid.full_clean(exclude=["email"])

    assert "category" in error.value.message_dict
    checks = [query["sql"] for query in queries if '"_check"' in query["sql"]]
    assert not [sql for sql in checks if "'associate_member'" in sql]
    assert not [sql for sql in checks if "'zh-hans'" in sql]
