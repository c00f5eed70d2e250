import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.models import Registration
from delegates.printing.badges import (
    badge_registrations,
    print_badges,
    render_badges,
)
from delegates.tokens import badge_token_from_code, make_badge_code
from tests.delegates.pdf_helpers import embedded_fonts, pdf_reader, pdf_text
from tests.factories import MeetingFactory, RegistrationFactory
from tests.images import image_bytes, truncated_jpeg

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:delegates_registration_changelist")
APPROVED = RegistrationStatus.APPROVED


def badge_url(registration, name="own_badge"):
    return reverse(
        f"delegates:{name}",
        kwargs={
            "meeting_slug": registration.meeting.slug,
            "token": registration.get_private_url().rstrip("/").rsplit("/", 1)[-1],
        },
    )


def test_badge_pdf_shows_name_affiliation_category_and_meeting():
    registration = RegistrationFactory(
        status=APPROVED,
        given_name="Budi",
        family_name="Santoso",
        badge_name="Budi S.",
        country="ID",
        category=ParticipantCategory.MEMBER_STATE,
        meeting__title="Regional Consultation on South-South Cooperation",
        meeting__city="Bangkok",
    )

    text = pdf_text(render_badges([registration], layout="a6"))

    assert "Budi S." in text
    assert "Santoso" not in text
    assert "Indonesia" in text
    assert "MEMBER STATE" in text
    assert "Regional Consultation on South-South Cooperation" in text
    assert "Bangkok" in text
    assert str(registration.meeting.end_date.year) in text


def test_badge_pdf_renders_thai_and_chinese_names_with_embedded_fonts():
    thai = RegistrationFactory(status=APPROVED, given_name="สมชาย", family_name="ใจดี")
    chinese = RegistrationFactory(
        status=APPROVED, given_name="伟", family_name="李", country="CN"
    )
    vietnamese = RegistrationFactory(
        status=APPROVED, given_name="Thị Hương", family_name="Nguyễn", country="VN"
    )

    content = render_badges([thai, chinese, vietnamese], layout="a4")

    text = pdf_text(content)
    assert "สมชาย ใจดี" in text
    assert "李伟" in text
    assert "Thị Hương Nguyễn" in text
    assert {"NotoSans-Bold", "NotoSansThai-Bold", "DroidSansFallback"} <= (
        embedded_fonts(content)
    )


def test_badge_with_a_photo_embeds_the_image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registration = RegistrationFactory(status=APPROVED)
    photo = io.BytesIO()
    Image.new("RGB", (300, 400), (30, 90, 160)).save(photo, "JPEG")
    registration.photo.save("me.jpg", io.BytesIO(photo.getvalue()))

    content = render_badges([registration], layout="a6")

    images = pdf_reader(content).pages[0].images
    assert len(images) == 1


def test_badge_with_a_missing_photo_file_still_prints(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registration = RegistrationFactory(status=APPROVED, photo="photos/gone.jpg")

    content = render_badges([registration], layout="a6")

    assert registration.name_on_badge in pdf_text(content)
    assert len(pdf_reader(content).pages[0].images) == 0


def test_badge_code_is_a_signed_random_token_not_the_id_or_name():
    registration = RegistrationFactory(given_name="Maria", family_name="Santos")

    code = make_badge_code(registration)

    token = code.split(":")[0]
    assert badge_token_from_code(code) == registration.badge_token == token
    # Random, not derived from the id: another registration's differs.
    assert token != str(registration.pk)
    assert RegistrationFactory().badge_token != token
    assert "Maria" not in code and "Santos" not in code
    assert len(registration.badge_token) >= 22


def test_tampered_badge_code_is_not_accepted():
    registration = RegistrationFactory()
    code = make_badge_code(registration)
    token, signature = code.split(":")
    other = RegistrationFactory()

    assert badge_token_from_code(f"{other.badge_token}:{signature}") is None
    assert badge_token_from_code(f"{token}:{signature[:-1]}x") is None
    assert badge_token_from_code(token) is None


def test_every_registration_gets_its_own_badge_token():
    first, second = RegistrationFactory.create_batch(2)

    assert first.badge_token != second.badge_token


def test_badges_print_by_country_then_head_of_delegation_then_family_name():
    meeting = MeetingFactory()

    def approved(family, country, role=DelegationRole.DELEGATE, **extra):
        return RegistrationFactory(
            meeting=meeting,
            status=APPROVED,
            family_name=family,
            country=country,
            role=role,
            **extra,
        )

    thai_delegate = approved("Anan", "TH")
    thai_head = approved("Wong", "TH", DelegationRole.HEAD)
    indonesian = approved("Zulkifli", "ID")
    fiji_adviser = approved("Bula", "FJ", DelegationRole.ADVISER)
    fiji_delegate = approved("Ratu", "FJ")
    jica = approved(
        "Tanaka",
        "",
        organisation="JICA",
        category=ParticipantCategory.DEVELOPMENT_PARTNER,
    )
    RegistrationFactory(meeting=meeting, country="AF")  # not approved: no badge

    ordered = badge_registrations(Registration.objects.all())

    assert ordered == [
        fiji_delegate,
        fiji_adviser,
        indonesian,
        thai_head,
        thai_delegate,
        jica,
    ]


def test_organiser_prints_four_badges_per_a4_sheet_of_the_approved_selection(
    organiser_client,
):
    approved = RegistrationFactory.create_batch(5, status=APPROVED)
    submitted = RegistrationFactory(family_name="Pending-Person")

    response = organiser_client.post(
        CHANGELIST,
        {
            "action": "print_badges_a4",
            "_selected_action": [r.pk for r in [*approved, submitted]],
        },
    )

    assert response["Content-Type"] == "application/pdf"
    reader = pdf_reader(response.content)
    assert len(reader.pages) == 2
    text = pdf_text(response.content)
    assert all(registration.name_on_badge in text for registration in approved)
    assert "Pending-Person" not in text
    follow = organiser_client.get(CHANGELIST)
    assert "1 selected registration is not approved" in follow.content.decode()


def test_organiser_prints_one_badge_per_a6_page(organiser_client):
    approved = RegistrationFactory.create_batch(3, status=APPROVED)

    response = organiser_client.post(
        CHANGELIST,
        {"action": "print_badges_a6", "_selected_action": [r.pk for r in approved]},
    )

    pages = pdf_reader(response.content).pages
    assert len(pages) == 3
    assert round(float(pages[0].mediabox.width)) == 298  # A6: 105 mm


def test_printing_badges_of_no_approved_registration_says_so(organiser_client):
    submitted = RegistrationFactory()

    response = organiser_client.post(
        CHANGELIST,
        {"action": "print_badges_a4", "_selected_action": [submitted.pk]},
        follow=True,
    )

    assert "None of the selected registrations is approved" in (
        response.content.decode()
    )


def test_batch_badge_printing_runs_the_same_queries_for_one_or_many(
    organiser_client,
):
    def count_queries(registrations):
        with CaptureQueriesContext(connection) as queries:
            response = organiser_client.post(
                CHANGELIST,
                {
                    "action": "print_badges_a4",
                    "_selected_action": [r.pk for r in registrations],
                },
            )
        assert response["Content-Type"] == "application/pdf"
        return len(queries)

    one = count_queries([RegistrationFactory(status=APPROVED)])
    many = count_queries(RegistrationFactory.create_batch(6, status=APPROVED))

    assert one == many


def test_approved_delegate_downloads_own_badge_from_private_link(client):
    registration = RegistrationFactory(status=APPROVED, badge_name="Dr Priya")

    response = client.get(badge_url(registration))

    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "Dr Priya" in pdf_text(response.content)


def test_submitted_delegate_cannot_download_a_badge_yet(client):
    registration = RegistrationFactory(status=RegistrationStatus.SUBMITTED)

    response = client.get(badge_url(registration))

    assert response.status_code == 403
    assert "once your registration is approved" in response.content.decode()


def test_badge_download_with_a_forged_private_link_is_not_found(client):
    registration = RegistrationFactory(status=APPROVED)

    response = client.get(
        reverse(
            "delegates:own_badge",
            kwargs={
                "meeting_slug": registration.meeting.slug,
                "token": f"{registration.access_key}:forged",
            },
        )
    )

    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_private_page_shows_the_e_badge_only_once_approved(client):
    approved = RegistrationFactory(status=APPROVED)
    submitted = RegistrationFactory()

    approved_html = client.get(approved.get_private_url()).content.decode()
    submitted_html = client.get(submitted.get_private_url()).content.decode()

    assert "Download your badge (PDF)" in approved_html
    assert "<svg" in approved_html and "e-badge-qr" in approved_html
    assert badge_url(approved) in approved_html
    assert "Download your badge" not in submitted_html
    assert "e-badge-qr" not in submitted_html


def approved_with_stored_photo(content, **fields):
    """An approved registration whose stored photo file holds ``content`` as is."""
    registration = RegistrationFactory(status=APPROVED, **fields)
    registration.photo.save("stored.jpg", ContentFile(content))
    return registration


def test_organiser_prints_badges_when_a_stored_photo_is_truncated(organiser_client):
    damaged = approved_with_stored_photo(truncated_jpeg(), family_name="Truncated")
    fine = approved_with_stored_photo(image_bytes(size=(960, 1200)))

    response = organiser_client.post(
        CHANGELIST,
        {"action": "print_badges_a4", "_selected_action": [damaged.pk, fine.pk]},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert damaged.name_on_badge in text and fine.name_on_badge in text
    assert "Photo unavailable" in " ".join(text.split())
    assert len(pdf_reader(response.content).pages[0].images) == 1
    follow = organiser_client.get(CHANGELIST).content.decode()
    assert f"The photo of {damaged.full_name} could not be read" in follow


def test_delegate_s_own_badge_prints_when_the_stored_photo_is_truncated(client):
    registration = approved_with_stored_photo(truncated_jpeg())

    response = client.get(badge_url(registration))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Photo unavailable" in " ".join(pdf_text(response.content).split())


def test_badge_photo_is_printed_at_badge_resolution_not_as_stored():
    registration = approved_with_stored_photo(image_bytes(size=(960, 1200)))

    printed = print_badges([registration], layout="a6")

    [image] = pdf_reader(printed.pdf).pages[0].images
    assert image.image.size == (240, 300)  # about 210 dpi over 29 x 36 mm
    assert printed.unreadable_photos == []


def test_each_badge_on_a_sheet_is_printed_in_its_delegates_language():
    french = RegistrationFactory(status=APPROVED, language="fr")
    russian = RegistrationFactory(status=APPROVED, language="ru")

    text = pdf_text(render_badges([french, russian], layout="a4"))

    assert "ÉTAT MEMBRE" in text
    assert "ГОСУДАРСТВО-ЧЛЕН" in text
