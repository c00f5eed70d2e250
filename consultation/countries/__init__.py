"""Country names as the United Nations writes them, and who may be represented.

The names are UNTERM's short names in the six official languages ("Türkiye",
"Iran (Islamic Republic of)", "Hong Kong, China"), read from ``un_names.tsv``
beside this module: django-countries serves them everywhere it names a country
(``COUNTRIES_OVERRIDE`` in the settings), in the language of the moment, where
its own names are ISO's and CLDR's. A UN meeting is attended by Member States,
the non-member observer States and, at a regional commission, the associate
members that the organiser sets on the meeting: ``represented_choices`` offers
those and no other ISO territory.

This module reads no model and no setting: the settings import it.
"""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from django.utils import translation
from django.utils.functional import lazy

DATA_FILE = Path(__file__).resolve().parent / "un_names.tsv"
FALLBACK_LANGUAGE = "en"

MEMBER = "member"
OBSERVER = "observer"
TERRITORY = "territory"
# Those a meeting always accepts; territories only as the meeting's associate members.
STATES = (MEMBER, OBSERVER)


@dataclass(frozen=True)
class UNCountry:
    code: str
    status: str
    names: dict[str, str]


@functools.cache
def un_countries() -> dict[str, UNCountry]:
    """Read the vetted list once: ISO code → status and name in each language."""
    with DATA_FILE.open(encoding="utf-8", newline="") as data:
        rows = csv.DictReader(
            (line for line in data if not line.startswith("#")),
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
        )
        countries = {}
        for row in rows:
            code, status = row.pop("code"), row.pop("status")
            countries[code] = UNCountry(code=code, status=status, names=row)
    return countries


def un_name(code: str, language: str | None = None) -> str:
    """The UN short name of a country in a language (default: the active one)."""
    names = un_countries()[code].names
    language = (language or translation.get_language() or FALLBACK_LANGUAGE).lower()
    return names.get(language) or names[FALLBACK_LANGUAGE]


# The name read in the language of the moment it is shown.
lazy_un_name = lazy(un_name, str)


def countries_override() -> dict:
    """Names for django-countries' COUNTRIES_OVERRIDE (see the module docstring)."""
    return {code: lazy_un_name(code) for code in un_countries()}


def codes_with_status(*statuses: str) -> list[str]:
    return [
        code for code, country in un_countries().items() if country.status in statuses
    ]
