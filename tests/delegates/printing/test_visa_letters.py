import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.printing.visa_letters import render_visa_letters
from delegates.roles import REGISTRATION_DESK, VIEWER
from delegates.services import RegistrationError
from delegates.tokens import make_registration_token
from tests.delegates.pdf_helpers import embedded_fonts, pdf_reader, pdf_text
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")
APPROVED = RegistrationStatus.APPROVED


def visa_applicant(**fields):
    defaults = {
        "status": APPROVED,
        "honorific": "mr",
        "given_name": "Wei",
        "family_name": "Li",
        "job_title": "Deputy Director-General",
        "organisation": "China International Development Cooperation Agency",
        "country": "CN",
        "needs_visa_letter": True,
        "nationality": "CN",
        "passport_number": "E12345678",
        "passport_expiry": datetime.date(2031, 6, 30),
        "date_of_birth": datetime.date(1975, 3, 4),
        "meeting__title": "Regional Consultation on South-South Cooperation",
        "meeting__organisers": "ESCAP\nUNOSSC\nGovernment of the Kingdom of Thailand",
    }
    return RegistrationFactory(**{**defaults, **fields})


def letter_url(registration):
    return reverse(
        "delegates:own_visa_letter",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": make_registration_token(registration),
        },
    )


def staff_in(role):
    user = UserFactory(username=role.lower().replace(" ", "-"), is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def test_visa_letter_carries_the_passport_details_on_the_letterhead():
    registration = visa_applicant()

    text = pdf_text(render_visa_letters([registration]))

    assert "ESCAP" in text and "UNOSSC" in text
    assert "To the Embassy or Consulate of Thailand" in text
    assert "Mr Wei Li" in text
    assert "Regional Consultation on South-South Cooperation" in text
    assert "E12345678" in text
    assert "4 March 1975" in text
    assert "30 June 2031" in text
    assert "China" in text
    assert f"/VISA/{registration.pk:05d}" in text


def test_visa_letter_is_signed_by_the_named_official_for_the_stay_given():
    registration = visa_applicant(
        meeting__visa_letter_signatory="Ms Aiko Tanaka",
        meeting__visa_letter_signatory_title="Chief, Conference Services, ESCAP",
        arrival_date=datetime.date(2027, 6, 20),
        departure_date=datetime.date(2027, 6, 26),
    )

    text = " ".join(pdf_text(render_visa_letters([registration])).split())

    assert "Ms Aiko Tanaka Chief, Conference Services, ESCAP" in text
    assert "The Secretariat of the" not in text
    assert "stay from 20 June 2027 to 26 June 2027." in text


def test_visa_letter_without_a_named_signatory_is_signed_by_the_secretariat():
    registration = visa_applicant(meeting__short_name="SSC Asia-Pacific")

    text = " ".join(pdf_text(render_visa_letters([registration])).split())

    assert "The Secretariat of the SSC Asia-Pacific" in text
    assert "for the duration of the meeting." in text


def test_visa_letter_for_a_name_in_chinese_script_embeds_the_cjk_font():
    registration = visa_applicant(given_name="伟", family_name="李")

    content = render_visa_letters([registration])

    assert "李伟" in pdf_text(content)
    assert "DroidSansFallback" in embedded_fonts(content)


def test_visa_letter_without_passport_data_is_a_clear_error():
    registration = visa_applicant(passport_number="", date_of_birth=None)

    with pytest.raises(RegistrationError) as error:
        render_visa_letters([registration])

    assert "missing: passport number, date of birth" in str(error.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"needs_visa_letter": False}, "No visa support letter was requested"),
        ({"status": RegistrationStatus.SUBMITTED}, "once the registration is approved"),
        (
            {"passport_expiry": datetime.date(2020, 1, 1)},
            "passport expires before the meeting ends",
        ),
    ],
)
def test_visa_letter_is_refused_with_the_reason(fields, message):
    registration = visa_applicant(**fields)

    with pytest.raises(RegistrationError, match=message):
        render_visa_letters([registration])


def test_organiser_generates_visa_letters_for_the_selection(organiser_client):
    first = visa_applicant(family_name="Li")
    second = visa_applicant(family_name="Santos", passport_number="P7654321")

    response = organiser_client.post(
        CHANGELIST,
        {"action": "visa_letters", "_selected_action": [first.pk, second.pk]},
    )

    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "E12345678" in text and "P7654321" in text
    assert len(pdf_reader(response.content).pages) == 2


def test_organiser_is_told_which_letters_lack_passport_data(organiser_client):
    ready = visa_applicant(family_name="Ready")
    missing = visa_applicant(family_name="Missing", passport_number="")

    response = organiser_client.post(
        CHANGELIST,
        {"action": "visa_letters", "_selected_action": [ready.pk, missing.pk]},
    )
    follow = organiser_client.get(CHANGELIST).content.decode()

    assert "Missing" not in pdf_text(response.content)
    assert "Wei Missing: The visa support letter needs the passport details" in follow


def test_letter_requested_only_without_passport_data_returns_no_pdf(
    organiser_client,
):
    missing = visa_applicant(passport_number="")

    response = organiser_client.post(
        CHANGELIST,
        {"action": "visa_letters", "_selected_action": [missing.pk]},
        follow=True,
    )

    assert not response.content.startswith(b"%PDF")
    assert "missing: passport number" in response.content.decode()


@pytest.mark.parametrize("role", [REGISTRATION_DESK, VIEWER])
def test_visa_letters_need_the_passport_permission(client, role):
    client.force_login(staff_in(role))
    registration = visa_applicant()

    changelist = client.get(CHANGELIST).content.decode()
    response = client.post(
        CHANGELIST, {"action": "visa_letters", "_selected_action": [registration.pk]}
    )

    assert "Visa support letters of the selected" not in changelist
    assert not response.content.startswith(b"%PDF")
    assert "E12345678" not in response.content.decode(errors="replace")


def test_delegate_downloads_own_visa_letter_from_private_link(client):
    registration = visa_applicant()

    response = client.get(letter_url(registration))

    assert response["Content-Type"] == "application/pdf"
    assert "E12345678" in pdf_text(response.content)


def test_delegate_without_passport_data_is_told_what_is_missing(client):
    registration = visa_applicant(passport_expiry=None)

    response = client.get(letter_url(registration))

    assert response.status_code == 409
    assert "missing: passport expiry date" in response.content.decode()


def test_private_page_offers_the_letter_or_says_what_is_missing(client):
    ready = visa_applicant()
    missing = visa_applicant(passport_number="")

    ready_html = client.get(ready.get_private_url()).content.decode()
    missing_html = client.get(missing.get_private_url()).content.decode()

    assert letter_url(ready) in ready_html
    assert letter_url(missing) not in missing_html
    assert "missing: passport number" in missing_html


def test_list_of_participants_pdf_groups_as_the_public_page(client):
    meeting = MeetingFactory(title="Regional Consultation")

    def listed(given, family, country, **fields):
        return RegistrationFactory(
            meeting=meeting,
            status=APPROVED,
            consent_public_list=True,
            given_name=given,
            family_name=family,
            country=country,
            **fields,
        )

    listed("Somchai", "Jaidee", "TH", role=DelegationRole.DELEGATE)
    listed("สมชาย", "ใจดี", "TH", role=DelegationRole.HEAD)
    listed("Budi", "Santoso", "ID")
    listed(
        "Aigerim",
        "Bekova",
        "",
        category=ParticipantCategory.UN_SYSTEM,
        organisation="UNDP",
    )
    RegistrationFactory(
        meeting=meeting,
        status=APPROVED,
        family_name="Unlisted",
        consent_public_list=False,
    )
    RegistrationFactory(
        meeting=meeting, family_name="Pending", consent_public_list=True
    )

    response = client.get(reverse("participants:pdf", args=[meeting.slug]))

    text = pdf_text(response.content)
    order = [
        text.index(marker)
        for marker in (
            "Member States",
            "Indonesia",
            "Budi Santoso",
            "Thailand",
            "Head of delegation: ",
            "สมชาย ใจดี",
            "Somchai Jaidee",
            "United Nations system",
            "UNDP",
            "Aigerim Bekova",
        )
    ]
    assert order == sorted(order)
    assert "Unlisted" not in text and "Pending" not in text
    assert "@" not in text
    assert "NotoSansThai-Bold" in embedded_fonts(response.content)


def test_list_of_participants_pdf_runs_the_same_queries_for_one_or_many(client):
    meeting = MeetingFactory()
    url = reverse("participants:pdf", args=[meeting.slug])

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.content.startswith(b"%PDF")
        return len(queries)

    RegistrationFactory(meeting=meeting, status=APPROVED, consent_public_list=True)
    one = count_queries()
    RegistrationFactory.create_batch(
        10, meeting=meeting, status=APPROVED, consent_public_list=True
    )
    many = count_queries()

    assert one == many


def test_visa_letter_is_printed_in_the_delegates_language():
    registration = RegistrationFactory(
        status=RegistrationStatus.APPROVED,
        needs_visa_letter=True,
        passport_number="P1234567",
        passport_expiry=datetime.date(2030, 1, 1),
        date_of_birth=datetime.date(1980, 5, 17),
        nationality="FR",
        language="fr",
    )

    text = pdf_text(render_visa_letters([registration]))

    assert "Lettre à l’appui de la demande de visa" in text
    assert "Veuillez agréer l’assurance de notre haute considération." in text
