"""The interface catalogues are complete: every entry translated, none fuzzy.

`make lint` (scripts/check-catalogues) makes sure the catalogues hold every string
of the code and templates; these tests make sure each one is translated, with the
placeholders of its English original.
"""

import io
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import to_locale

PLACEHOLDER = re.compile(r"%\(\w+\)\w|\{\w*\}")

TRANSLATED_LANGUAGES = [
    code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE
]


def catalogue_path(language):
    return (
        Path(settings.LOCALE_PATHS[0]) / to_locale(language) / "LC_MESSAGES/django.po"
    )


def catalogue_problems(catalogue: polib.POFile) -> list[str]:
    """Every entry that is untranslated, fuzzy or loses a placeholder, described."""
    problems = [
        f"untranslated: {entry.msgid!r}" for entry in catalogue.untranslated_entries()
    ]
    problems += [f"fuzzy: {entry.msgid!r}" for entry in catalogue.fuzzy_entries()]
    for entry in catalogue.translated_entries():
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        translations = (
            entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        )
        for text in translations:
            if set(PLACEHOLDER.findall(text)) - wanted:
                problems.append(f"unknown placeholder: {entry.msgid!r} -> {text!r}")
            if not entry.msgid_plural and set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    return problems


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(catalogue_path(language)))

    assert len(catalogue) > 1000
    assert catalogue_problems(catalogue) == []


def test_catalogues_cover_the_five_other_un_languages():
    assert {"ar", "es", "fr", "ru", "zh-hans"} <= set(TRANSLATED_LANGUAGES)


def test_check_catches_an_untranslated_and_a_fuzzy_entry():
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Agenda", msgstr="Ordre du jour"))
    catalogue.append(polib.POEntry(msgid="Side events", msgstr=""))
    catalogue.append(
        polib.POEntry(msgid="Observer", msgstr="Observateur", flags=["fuzzy"])
    )

    assert catalogue_problems(catalogue) == [
        "untranslated: 'Side events'",
        "fuzzy: 'Observer'",
    ]


def test_check_catches_a_lost_placeholder():
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Item %(number)s", msgstr="Point %(numero)s"))

    assert catalogue_problems(catalogue) == [
        "unknown placeholder: 'Item %(number)s' -> 'Point %(numero)s'",
        "placeholders differ: 'Item %(number)s' -> 'Point %(numero)s'",
    ]


@pytest.mark.parametrize(
    ("language", "member_state", "head_of_delegation", "side_event"),
    [
        ("ar", "الدولة العضو", "رئيس الوفد", "حدث جانبي"),
        ("zh-hans", "会员国", "代表团团长", "会外活动"),
        ("fr", "État Membre", "Chef de délégation", "Manifestation parallèle"),
        ("ru", "Государство-член", "Глава делегации", "Параллельное мероприятие"),
        ("es", "Estado Miembro", "Jefe(a) de la delegación", "Actividad paralela"),
    ],
)
def test_compiled_catalogues_use_un_terminology(
    language, member_state, head_of_delegation, side_event
):
    with translation.override(language):
        assert translation.gettext("Member State") == member_state
        assert translation.gettext("Head of delegation") == head_of_delegation
        assert translation.gettext("Side event") == side_event


def test_compilemessages_writes_each_catalogues_mo_file(tmp_path, settings):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Observer", msgstr="Observateur"))
    catalogue.save(str(folder / "django.po"))
    settings.LOCALE_PATHS = [tmp_path]

    call_command("compilemessages", stdout=io.StringIO())

    compiled = polib.mofile(str(folder / "django.mo"))
    assert [(entry.msgid, entry.msgstr) for entry in compiled] == [
        ("Observer", "Observateur")
    ]
