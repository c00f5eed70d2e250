"""Sorting text as readers of each language expect, not by code point.

The Unicode Collation Algorithm (``pyuca``, pure Python, with the DUCET table)
orders every script sensibly: "Côte d'Ivoire" after "Colombia" and before "Cuba",
"Ёлка" among the Е words, lower and upper case together. Two languages differ
from it where it matters for names and countries:

- Chinese (zh-hans) sorts by pinyin, as CLDR's default Chinese collation does;
  the UCA alone orders Han by radical and stroke. Each ideograph is read with
  its most common pinyin (``pypinyin``'s table of single characters, without its
  large phrase dictionary), then ties fall back to the UCA.
- Spanish (es) sorts ñ as a letter of its own after n ("Nuñez" after "Nunez").
- Arabic (ar) sorts the alif forms (آ أ إ ٱ) as one letter, as Arabic
  dictionaries and UN lists do; the UCA gives each a weight of its own, which
  would put "آيرلندا" before "أذربيجان".

PyICU would do all of this but needs ICU's C++ library to build; these two are
wheels, and django-countries uses ``pyuca`` for its own lists when installed.
"""

import functools
import os

import pyuca

# Only the table of single characters: names are read character by character, and
# the phrase dictionary would triple the import's memory.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")

from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.db.models.functions import Collate, Lower  # noqa: E402
from django.utils import translation  # noqa: E402
from pypinyin import Style, lazy_pinyin  # noqa: E402

# An unassigned code point: the UCA gives it an implicit weight above every
# letter, so "n" followed by it sorts after all of "n…" and before "o".
AFTER_EVERY_LETTER = "\U000e0fff"
SPANISH_LETTERS = str.maketrans(
    {"ñ": "n" + AFTER_EVERY_LETTER, "Ñ": "N" + AFTER_EVERY_LETTER}
)
ARABIC_ALIF = str.maketrans(dict.fromkeys("آأإٱ", "ا"))


@functools.cache
def collator() -> pyuca.Collator:
    """The DUCET collator, built once per process (about half a second)."""
    return pyuca.Collator()


def _pinyin(text: str) -> str:
    return " ".join(lazy_pinyin(text, style=Style.TONE3, errors="default"))


def sort_key(text: str, language: str | None = None) -> tuple:
    """A key that sorts ``text`` as readers of ``language`` (default: active) expect."""
    language = (language or translation.get_language() or "en").lower()
    text = text or ""
    key = collator().sort_key
    if language.startswith("zh"):
        return (key(_pinyin(text)), key(text))
    if language.startswith("ar"):
        return (key(text.translate(ARABIC_ALIF)), key(text))
    if language.startswith("es"):
        return (key(text.translate(SPANISH_LETTERS)),)
    return (key(text),)


def person_sort_key(
    *, given_name: str, family_name: str, language: str | None = None
) -> tuple:
    """A person in a list sorts by family name, then given name, in any naming order.

    Family-name-first persons (delegates/names.py) are written "李伟" or "Nguyễn
    Thị Hương" but are still found under their family name, as in a UN list.
    """
    return (sort_key(family_name, language), sort_key(given_name, language))


# PostgreSQL's ICU collations (built in since PostgreSQL 10) order a query's rows
# by the same rules, Chinese by pinyin included. SQLite, the demo's fallback, has
# none: there the rows are ordered without case.
ICU_COLLATIONS = {
    "ar": "ar-x-icu",
    "en": "en-x-icu",
    "es": "es-x-icu",
    "fr": "fr-x-icu",
    "ru": "ru-x-icu",
    "zh-hans": "zh-x-icu",
}


def collated(field_name: str, language: str | None = None):
    """An expression to order a query by ``field_name`` in a language's order."""
    language = (language or translation.get_language() or "en").lower()
    if connection.vendor == "postgresql":
        return Collate(F(field_name), ICU_COLLATIONS.get(language, "und-x-icu"))
    return Lower(field_name)
