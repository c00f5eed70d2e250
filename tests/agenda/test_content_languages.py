"""What organisers write, shown in the requested language, else the meeting's own."""

import json

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from lxml import etree

from agenda.models import Session
from agenda.selectors import published_programme
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    DocumentFileFactory,
    MeetingFactory,
    RoomFactory,
    SessionFactory,
    SideEventFactory,
    publish_programme,
)

pytestmark = pytest.mark.django_db


def url(name, meeting, language="en", **kwargs):
    with translation.override(language):
        return reverse(
            f"agenda:{name}", kwargs={"meeting_slug": meeting.slug, **kwargs}
        )


@pytest.fixture
def meeting():
    """A meeting written in English and French, with a session in both."""
    meeting = MeetingFactory(
        title_en="Regional Consultation", title_fr="Consultation régionale"
    )
    room = RoomFactory(meeting=meeting, name_en="Main hall", name_fr="Grande salle")
    SessionFactory(
        meeting=meeting,
        room=room,
        slug="opening",
        title_en="Opening session",
        title_fr="Séance d'ouverture",
        description_en="Welcome remarks.",
        description_fr="Allocutions de bienvenue.",
    )
    publish_programme(meeting)
    return meeting


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("en", ["Opening session", "Main hall"], ["Séance d'ouverture"]),
        ("fr", ["Séance d&#x27;ouverture", "Grande salle"], ["Opening session"]),
    ],
)
def test_agenda_and_session_pages_show_the_requested_language(
    client, meeting, language, shown, hidden
):
    for page in (
        client.get(url("agenda", meeting, language)),
        client.get(url("session_detail", meeting, language, session_slug="opening")),
    ):
        html = page.content.decode()
        for text in shown:
            assert text in html
        for text in hidden:
            assert text not in html


def test_text_not_written_in_a_language_falls_back_to_the_meetings_main_language(
    client,
):
    meeting = MeetingFactory(
        main_language="fr", title_en="", title_fr="Consultation régionale"
    )
    SessionFactory(
        meeting=meeting, slug="opening", title_en="", title_fr="Séance d'ouverture"
    )
    publish_programme(meeting)

    html = client.get(url("agenda", meeting, "ru")).content.decode()

    assert "Consultation régionale" in html
    assert "Séance d&#x27;ouverture" in html


def test_main_language_outranks_english_in_the_fall_back():
    meeting = MeetingFactory(
        main_language="ru", title_en="Regional Consultation", title_ru="Консультация"
    )

    with translation.override("zh-hans"):
        assert meeting.title == "Консультация"
    with translation.override("en"):
        assert meeting.title == "Regional Consultation"


def test_a_session_needs_its_title_in_the_meetings_main_language():
    meeting = MeetingFactory(main_language="fr")
    session = SessionFactory.build(meeting=meeting, title_en="Opening", title_fr="")

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert "title_fr" in error.value.message_dict


def test_published_version_keeps_every_language_and_later_edits_wait(client, meeting):
    session = Session.objects.get(slug="opening")
    session.title_fr = "Séance d'ouverture solennelle"
    session.save()

    version = published_programme(meeting).version
    [entry] = version.snapshot["sessions"]
    assert entry["title"] == {"en": "Opening session", "fr": "Séance d'ouverture"}
    assert entry["room"]["name"] == {"en": "Main hall", "fr": "Grande salle"}
    assert "solennelle" not in client.get(url("agenda", meeting, "fr")).content.decode()

    publish_programme(meeting)

    html = client.get(url("agenda", meeting, "fr")).content.decode()
    assert "Séance d&#x27;ouverture solennelle" in html
    changelog = client.get(url("changelog", meeting, "fr")).content.decode()
    assert "Séance d&#x27;ouverture solennelle" in changelog


def test_a_version_published_before_languages_reads_as_english(client, meeting):
    version = published_programme(meeting).version
    [entry] = version.snapshot["sessions"]
    entry["title"] = "Opening session"
    entry["description"] = "Welcome remarks."
    entry["room"]["name"] = "Main hall"
    version.save()

    html = client.get(url("agenda", meeting, "fr")).content.decode()

    assert "Opening session" in html
    # Rooms are read live; a version's names serve only for rooms deleted since.
    assert "Grande salle" in html


def test_feeds_follow_the_language_of_their_address(client, meeting):
    french_json = json.loads(client.get(url("schedule_json", meeting, "fr")).content)
    french_xml = etree.fromstring(
        client.get(url("schedule_xml", meeting, "fr")).content
    )
    french_ics = icalendar.Calendar.from_ical(
        client.get(url("agenda_ics", meeting, "fr")).content
    )
    english_json = json.loads(client.get(url("schedule_json", meeting)).content)

    assert french_json["meeting"]["title"] == "Consultation régionale"
    assert json.dumps(french_json, ensure_ascii=False).count("Séance d'ouverture") >= 1
    assert "Opening session" not in json.dumps(french_json)
    assert french_json["language"] == "fr"
    assert french_xml.findtext(".//event/title") == "Séance d'ouverture"
    assert french_xml.findtext(".//event/room") == "Grande salle"
    [event] = french_ics.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Séance d'ouverture"
    assert str(event["LOCATION"]) == "Grande salle"
    assert english_json["meeting"]["title"] == "Regional Consultation"


@pytest.mark.parametrize("feed", ["agenda_ics", "schedule_json", "schedule_xml"])
def test_lang_parameter_sends_a_feed_to_its_address_in_that_language(
    client, meeting, feed
):
    response = client.get(url(feed, meeting), {"lang": "fr"})

    assert response.status_code == 302
    assert response["Location"] == url(feed, meeting, "fr")
    assert "Séance d'ouverture" in client.get(response["Location"]).content.decode()


def test_unknown_lang_parameter_is_ignored(client, meeting):
    response = client.get(url("schedule_json", meeting), {"lang": "xx"})

    assert response.status_code == 200
    assert json.loads(response.content)["meeting"]["title"] == ("Regional Consultation")


def test_kept_pages_are_kept_per_language(client, meeting):
    english = client.get(url("agenda", meeting)).content.decode()
    french = client.get(url("agenda", meeting, "fr")).content.decode()
    english_again = client.get(url("agenda", meeting)).content.decode()

    assert "Opening session" in english
    assert "Séance d&#x27;ouverture" in french
    assert english_again == english


def test_agenda_items_and_side_events_show_the_requested_language(client, meeting):
    AgendaItemFactory(meeting=meeting, title_en="Adoption", title_ru="Утверждение")
    side_event = SideEventFactory(
        meeting=meeting,
        session__title_en="Report launch",
        session__title_ru="Презентация доклада",
        description_en="With the authors.",
        description_ru="С авторами.",
    )
    publish_programme(side_event.session.meeting)

    items = client.get(url("items", meeting, "ru")).content.decode()
    side_events = client.get(side_events_url(meeting, "ru")).content.decode()

    assert "Утверждение" in items
    assert "Презентация доклада" in side_events
    assert "С авторами." in side_events
    assert "With the authors." not in side_events


def side_events_url(meeting, language):
    with translation.override(language):
        return reverse("side_events:list", kwargs={"meeting_slug": meeting.slug})


def test_documents_page_lists_a_symbol_once_with_a_link_per_language(client):
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting)
    document = DocumentFactory(
        meeting=meeting,
        symbol="ESCAP/SSC/2026/1",
        title_en="Concept note",
        title_fr="Note conceptuelle",
        english__url="https://www.example.org/en/cn.pdf",
    )
    DocumentFileFactory(
        document=document, language="zh", url="https://www.example.org/zh/cn.pdf"
    )
    DocumentFileFactory(
        document=document, language="fr", url="https://www.example.org/fr/cn.pdf"
    )
    publish_programme(meeting)

    html = client.get(url("documents", meeting, "fr")).content.decode()

    assert html.count("ESCAP/SSC/2026/1") == 1
    assert "Note conceptuelle" in html
    assert (
        '<a href="https://www.example.org/zh/cn.pdf" hreflang="zh-Hans" '
        'lang="zh-Hans" rel="noopener noreferrer">中文</a>'
    ) in html
    assert 'hreflang="en" lang="en" rel="noopener noreferrer">English</a>' in html
    assert 'hreflang="fr" lang="fr" rel="noopener noreferrer">Français</a>' in html
    # In the UN's order of languages: Chinese, English, French.
    assert html.index("zh/cn.pdf") < html.index("en/cn.pdf") < html.index("fr/cn.pdf")


def test_agenda_item_page_lists_a_symbol_once_with_a_link_per_language(client):
    meeting = MeetingFactory()
    SessionFactory(meeting=meeting)
    item = AgendaItemFactory(meeting=meeting)
    document = DocumentFactory(
        meeting=meeting, agenda_item=item, symbol="ESCAP/SSC/2026/L.1"
    )
    DocumentFileFactory(document=document, language="ru")
    publish_programme(meeting)

    html = client.get(url("items", meeting)).content.decode()

    assert html.count("ESCAP/SSC/2026/L.1") == 1
    assert 'hreflang="ru" lang="ru"' in html
    assert ">Русский</a>" in html


def test_documents_page_query_count_is_constant_in_documents_and_versions(client):
    few, many = SessionFactory().meeting, SessionFactory().meeting
    DocumentFactory(meeting=few)
    for n in range(8):
        document = DocumentFactory(meeting=many, symbol=f"ESCAP/SSC/2026/{n + 1}")
        DocumentFileFactory(document=document, language="fr")
        DocumentFileFactory(document=document, language="ru")
    publish_programme(few)
    publish_programme(many)

    with CaptureQueriesContext(connection) as one:
        client.get(url("documents", few))
    with CaptureQueriesContext(connection) as eight:
        client.get(url("documents", many))

    assert len(one) == len(eight)
