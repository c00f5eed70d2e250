import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from agenda.enums import DocumentKind
from agenda.models import Document
from agenda.validators import validate_document_file
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    DocumentFileFactory,
    MeetingFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def document_admin_data(**fields):
    """The POST data of the document admin form, with its versions' inline."""
    return {"files-TOTAL_FORMS": "0", "files-INITIAL_FORMS": "0", **fields}


def office_package(part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("concept-note.pdf", PDF_BYTES),
        ("agenda.docx", office_package()),
        ("slides.pptx", office_package("ppt/presentation.xml")),
        ("budget.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
    ],
)
def test_document_file_with_matching_content_is_accepted(name, content):
    validate_document_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("note.pdf", b"<html>not a pdf</html>", "not the .pdf file its name says"),
        ("note.docx", b"PK\x03\x04broken zip", "not the .docx file its name says"),
        ("note.docx", PDF_BYTES, "not the .docx file its name says"),
        ("note.exe", PDF_BYTES, "Upload a PDF or an Office file"),
        ("note", PDF_BYTES, "Upload a PDF or an Office file"),
    ],
)
def test_document_file_that_is_not_what_it_claims_is_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_document_file(SimpleUploadedFile(name, content))


def test_document_symbol_is_unique_within_a_meeting_when_given():
    meeting = MeetingFactory()
    DocumentFactory(meeting=meeting, symbol="ESCAP/SSC/2026/1")
    DocumentFactory(meeting=meeting, symbol="")
    DocumentFactory(meeting=meeting, symbol="")
    DocumentFactory(meeting=MeetingFactory(), symbol="ESCAP/SSC/2026/1")

    with pytest.raises(IntegrityError, match="unique_document_symbol_per_meeting"):
        DocumentFactory(meeting=meeting, symbol="ESCAP/SSC/2026/1")


@pytest.mark.parametrize(
    ("symbol", "valid"),
    [
        ("ESCAP/SSC/2026/1", True),
        ("ESCAP/SSC/2026/L.1", True),
        ("ESCAP/SSC/2026/INF/1", True),
        ("E/ESCAP/80/1/Rev.1", True),
        ("escap/ssc/1", False),
        ("ESCAP SSC 2026 1", False),
        ("ESCAP/", False),
    ],
)
def test_document_symbol_follows_un_style(symbol, valid):
    document = DocumentFactory.build(meeting=MeetingFactory(), symbol=symbol)

    if valid:
        document.full_clean()
    else:
        with pytest.raises(ValidationError, match="UN document symbol"):
            document.full_clean()


def test_document_version_is_either_a_file_or_a_link():
    document = DocumentFactory()

    with pytest.raises(IntegrityError, match="document_file_is_a_file_or_a_link"):
        DocumentFileFactory(document=document, language="fr", url="")


def test_one_symbol_has_a_version_in_each_language_and_one_only():
    document = DocumentFactory(symbol="ESCAP/SSC/2026/1")
    DocumentFileFactory(document=document, language="fr")
    DocumentFileFactory(document=document, language="ru")

    assert sorted(document.files.values_list("language", flat=True)) == [
        "en",
        "fr",
        "ru",
    ]
    with pytest.raises(IntegrityError, match="unique_document_file_per_language"):
        DocumentFileFactory(document=document, language="fr")


def test_document_attached_to_both_an_item_and_a_session_is_refused():
    meeting = MeetingFactory()
    document = DocumentFactory.build(
        meeting=meeting,
        agenda_item=AgendaItemFactory(meeting=meeting),
        session=SessionFactory(meeting=meeting),
    )

    with pytest.raises(ValidationError, match="not both"):
        document.full_clean()


def test_document_attached_to_another_meetings_session_is_refused():
    document = DocumentFactory.build(
        meeting=MeetingFactory(), session=SessionFactory(meeting=MeetingFactory())
    )

    with pytest.raises(ValidationError) as error:
        document.full_clean()

    assert error.value.message_dict["session"] == ["This belongs to another meeting."]


def test_admin_stores_an_uploaded_pdf_under_a_random_name(
    organiser_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory()

    organiser_client.post(
        reverse("admin:agenda_document_add"),
        document_admin_data(
            meeting=meeting.pk,
            kind=DocumentKind.CONCEPT_NOTE,
            title_en="Concept note",
            title_fr="Note conceptuelle",
            symbol="ESCAP/SSC/2026/1",
            published="on",
            **{
                "files-TOTAL_FORMS": "2",
                "files-0-language": "en",
                "files-0-file": SimpleUploadedFile(
                    "Concept Note FINAL v3.pdf", PDF_BYTES, "application/pdf"
                ),
                "files-1-language": "fr",
                "files-1-url": "https://www.example.org/fr/concept-note.pdf",
            },
        ),
    )

    document = Document.objects.get()
    assert (document.title_en, document.title_fr) == (
        "Concept note",
        "Note conceptuelle",
    )
    english = document.files.get(language="en")
    assert english.file.name.startswith("documents/")
    assert english.file.name.endswith(".pdf")
    assert "Concept" not in english.file.name
    assert english.file.read() == PDF_BYTES
    assert document.files.get(language="fr").url == (
        "https://www.example.org/fr/concept-note.pdf"
    )


def test_admin_refuses_a_disguised_upload_and_saves_nothing(
    organiser_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path

    response = organiser_client.post(
        reverse("admin:agenda_document_add"),
        document_admin_data(
            meeting=MeetingFactory().pk,
            kind=DocumentKind.PRESENTATION,
            title_en="Slides",
            **{
                "files-TOTAL_FORMS": "1",
                "files-0-language": "en",
                "files-0-file": SimpleUploadedFile(
                    "slides.pdf", b"MZ\x90\x00", "application/pdf"
                ),
            },
        ),
    )

    assert "This file is not the .pdf file its name says it is." in (
        response.content.decode()
    )
    assert not Document.objects.exists()
    assert not list(tmp_path.iterdir())


def test_admin_session_inline_document_gets_the_session_meeting(
    organiser_client, session_admin_data
):
    session = SessionFactory(room=None, slug="resource-mobilisation")
    meeting = session.meeting

    organiser_client.post(
        reverse("admin:agenda_session_change", args=[session.pk]),
        session_admin_data(
            meeting,
            start_1="09:00",
            end_1="10:00",
            **{
                "documents-TOTAL_FORMS": "1",
                "documents-0-kind": DocumentKind.PRESENTATION,
                "documents-0-title_en": "Slides",
                "documents-0-published": "on",
            },
        ),
    )

    document = Document.objects.get()
    assert (document.meeting, document.session) == (meeting, session)


def test_admin_session_inline_refuses_a_symbol_the_meeting_already_uses(
    organiser_client, session_admin_data
):
    session = SessionFactory(room=None, slug="resource-mobilisation")
    meeting = session.meeting
    DocumentFactory(meeting=meeting, symbol="ESCAP/SSC/2026/1")

    response = organiser_client.post(
        reverse("admin:agenda_session_change", args=[session.pk]),
        session_admin_data(
            meeting,
            start_1="09:00",
            end_1="10:00",
            **{
                "documents-TOTAL_FORMS": "1",
                "documents-0-kind": DocumentKind.PRESENTATION,
                "documents-0-title_en": "Slides",
                "documents-0-symbol": "ESCAP/SSC/2026/1",
            },
        ),
    )

    assert "Another document of this meeting has this symbol." in (
        response.content.decode()
    )
    assert Document.objects.count() == 1
