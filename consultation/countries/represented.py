"""Who may be represented at a meeting: the choices the public forms offer.

Member States and the observer States always; the territories that are associate
members of the regional commission only where the organiser lists them on the
meeting (``Meeting.associate_members``). The forms set these as their choices,
so a code outside them, typed or tampered, is an error on the field.
"""

import functools

from django.utils import translation
from django.utils.choices import BaseChoiceIterator
from django_countries import Countries

from consultation.collation import sort_key

from . import STATES, TERRITORY, codes_with_status, lazy_un_name, un_name


class AssociateMemberCountries(Countries):
    """The territories that an organiser may name as a meeting's associate members."""

    # Named here: the settings' override would add every other country back.
    only = [(code, lazy_un_name(code)) for code in codes_with_status(TERRITORY)]
    override = {}


BLANK_CHOICE = ("", "---------")


class CountryChoices(BaseChoiceIterator):
    """A sorted list of countries, built once and shared by every form.

    Django copies a field's choices into each new form and normalises them each
    time they are set: for two lists of about 250 countries that was a fifth of
    building the registration form. These are already (code, name) pairs and
    never change, so the field, its widget and every copy keep this one object.
    """

    def __init__(self, choices):
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __deepcopy__(self, memo):
        return self


def represented_codes(meeting) -> set[str]:
    return {
        *codes_with_status(*STATES),
        *(str(code) for code in meeting.associate_members),
    }


def represented_choices(
    meeting, *, language: str | None = None
) -> list[tuple[str, str]]:
    """(code, UN name) of every country that may be represented, sorted by name."""
    language = language or translation.get_language()
    return list(_sorted_names(frozenset(represented_codes(meeting)), language))


@functools.lru_cache(maxsize=64)
def _sorted_names(codes, language):
    named = [(code, un_name(code, language)) for code in codes]
    return tuple(sorted(named, key=lambda choice: sort_key(choice[1], language)))


def every_country_choices(*, language: str | None = None) -> CountryChoices:
    """Every ISO country (UN names where the UN has one), blank first, sorted by
    name in the language: for a nationality, which may be any."""
    return _every_country_choices(language or translation.get_language())


@functools.cache
def _every_country_choices(language):
    # Sorting 250 names by the UCA takes a few milliseconds: once per language.
    with translation.override(language):
        named = [(str(code), str(name)) for code, name in Countries()]
    named.sort(key=lambda choice: sort_key(choice[1], language))
    return CountryChoices([BLANK_CHOICE, *named])


def represented_field_choices(meeting, *, keep: str = "") -> CountryChoices:
    """The choices of a form's "country represented" field, blank first.

    ``keep`` is the country a stored record already has: it stays a choice even
    if the organiser has since removed it from the meeting's associate members.
    """
    codes = frozenset(represented_codes(meeting))
    kept = keep if keep and keep not in codes else ""
    return _represented_field_choices(codes, translation.get_language(), kept)


@functools.lru_cache(maxsize=64)
def _represented_field_choices(codes, language, kept):
    choices = [BLANK_CHOICE, *_sorted_names(codes, language)]
    if kept:
        choices.append((kept, str(Countries().name(kept)) or kept))
    return CountryChoices(choices)


def offer_represented_countries(field, meeting, *, keep: str = "") -> None:
    """Make a form's country field offer, and so accept, only represented countries.

    A code outside them is refused with the field's "Select a valid choice".
    """
    field.choices = represented_field_choices(meeting, keep=keep)
