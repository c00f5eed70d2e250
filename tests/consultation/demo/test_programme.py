import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from agenda.enums import Role
from agenda.models import (
    AgendaItem,
    Document,
    DocumentFile,
    Session,
    SessionRole,
    Speaker,
    Track,
)

pytestmark = pytest.mark.django_db

PROGRAMME_MODELS = (Track, Speaker, SessionRole, AgendaItem, Document)


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def test_demo_programme_is_idempotent_and_writes_each_file_once(settings):
    load_demo()
    counts = [model.objects.count() for model in PROGRAMME_MODELS]
    files = sorted(p.name for p in (settings.MEDIA_ROOT / "documents").iterdir())

    load_demo()

    assert [model.objects.count() for model in PROGRAMME_MODELS] == counts
    assert sorted(p.name for p in (settings.MEDIA_ROOT / "documents").iterdir()) == (
        files
    )
    # Four documents in English, and the concept note in French, Chinese, Russian.
    assert len(files) == 7


def test_demo_opening_has_the_organisers_senior_officials_in_order():
    load_demo()

    opening = Session.objects.get(slug="opening")
    people = [
        (role.speaker.title, role.speaker.organisation, role.remarks)
        for role in opening.roles.select_related("speaker")
    ]

    assert people == [
        (
            "Deputy Executive Secretary",
            "Economic and Social Commission for Asia and the Pacific (ESCAP)",
            "Welcome remarks",
        ),
        (
            "Director",
            "United Nations Office for South-South Cooperation (UNOSSC)",
            "Statement",
        ),
        (
            "Special Envoy of the Minister of Foreign Affairs",
            "Ministry of Foreign Affairs of the Kingdom of Thailand",
            "Keynote address",
        ),
    ]


def test_demo_reloaded_over_an_older_seed_drops_the_people_it_no_longer_has():
    load_demo()
    opening = Session.objects.get(slug="opening")
    minister = Speaker.objects.create(
        meeting=opening.meeting, slug="minister-foreign-affairs", name="A Minister"
    )
    SessionRole.objects.create(session=opening, speaker=minister, role=Role.SPEAKER)

    load_demo()

    assert not Speaker.objects.filter(slug="minister-foreign-affairs").exists()
    assert opening.roles.count() == 3


def test_demo_chairs_summary_feeds_bapa40_in_buenos_aires_and_speaks_un_style():
    load_demo()

    summary = Session.objects.get(slug="chairs-summary")
    texts = " ".join(Session.objects.values_list("title", flat=True)) + " ".join(
        Session.objects.values_list("description", flat=True)
    )

    assert "BAPA+40" in summary.description
    assert "Buenos Aires" in summary.description
    assert "Directors-General" in Session.objects.get(slug="dg-forum").title
    assert "Director-Generals" not in texts


def test_demo_programme_obeys_every_programme_rule():
    load_demo()

    for session in Session.objects.all():
        session.full_clean()
    for role in SessionRole.objects.select_related("session", "speaker"):
        role.full_clean()
    for document in Document.objects.all():
        document.full_clean()
    assert SessionRole.objects.filter(role=Role.CHAIR).exists()
    assert SessionRole.objects.filter(role=Role.MODERATOR).exists()
    assert not Session.objects.get(slug="coffee-day-1-pm").roles.exists()
    assert Speaker.objects.exclude(registration=None).count() >= 8


def test_demo_agenda_items_run_from_1_to_8_with_sub_items():
    load_demo()

    labels = [item.label for item in AgendaItem.objects.all()]

    assert labels[:4] == ["Item 1", "Item 1 (a)", "Item 1 (b)", "Item 1 (c)"]
    assert {item.number for item in AgendaItem.objects.all()} == set(range(1, 9))
    assert AgendaItem.objects.get(number=2).sessions.get().slug == (
        "national-frameworks"
    )


def test_demo_documents_are_real_pdfs_with_their_un_symbols():
    load_demo()

    symbols = set(Document.objects.exclude(symbol="").values_list("symbol", flat=True))
    assert {"ESCAP/SSC/2026/1", "ESCAP/SSC/2026/L.1"} <= symbols
    summary = Document.objects.get(kind="outcome")
    assert summary.agenda_item.number == 8
    with summary.files.get(language="en").file.open("rb") as pdf:
        text = PdfReader(pdf).pages[0].extract_text()
    assert "ESCAP/SSC/2026/L.2" in text
    assert "Chair's Summary" in text
    assert DocumentFile.objects.filter(file="", url__startswith="https://").exists()


def test_demo_concept_note_has_one_symbol_and_a_pdf_per_language():
    load_demo()

    concept_note = Document.objects.get(symbol="ESCAP/SSC/2026/1")
    assert sorted(concept_note.files.values_list("language", flat=True)) == [
        "en",
        "fr",
        "ru",
        "zh",
    ]
    with concept_note.files.get(language="ru").file.open("rb") as pdf:
        text = PdfReader(pdf).pages[0].extract_text()
    assert "Концептуальная записка" in text
    assert concept_note.title_zh_hans == "概念说明"
