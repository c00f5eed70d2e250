"""Names and countries sort as readers of each language expect, not by code point."""

import pytest
from django.utils import translation

from consultation.collation import person_sort_key, sort_key
from delegates.desk.selectors import search_registrations
from delegates.enums import ParticipantCategory, RegistrationStatus
from delegates.models import Registration
from delegates.participants.selectors import public_participants
from delegates.printing.badges import badge_registrations
from tests.factories import MeetingFactory, RegistrationFactory


def in_order(words, language):
    return sorted(words, key=lambda word: sort_key(word, language))


def test_accents_sort_with_their_letter_not_after_z():
    assert in_order(
        ["Zambia", "Égypte", "Cuba", "Côte d'Ivoire", "Éthiopie"], "fr"
    ) == [
        "Côte d'Ivoire",
        "Cuba",
        "Égypte",
        "Éthiopie",
        "Zambia",
    ]


def test_case_does_not_separate_names():
    assert in_order(["de Silva", "Dalton", "Dupont"], "en") == [
        "Dalton",
        "de Silva",
        "Dupont",
    ]


def test_russian_yo_sorts_among_ye():
    assert in_order(["Ёлкин", "Жуков", "Егоров"], "ru") == ["Егоров", "Ёлкин", "Жуков"]


def test_spanish_enye_is_a_letter_after_n():
    assert in_order(["Nuñez", "Nuz", "Nunez", "Ñandú", "Oca"], "es") == [
        "Nunez",
        "Nuñez",
        "Nuz",
        "Ñandú",
        "Oca",
    ]


def test_chinese_sorts_by_pinyin():
    # zhāng, lǐ, wáng, ān: pinyin order, where code points would give 安 李 张 王.
    assert in_order(["张", "李", "王", "安"], "zh-hans") == ["安", "李", "王", "张"]


def test_arabic_alif_forms_sort_as_one_letter():
    assert in_order(["آيرلندا", "أذربيجان", "إثيوبيا"], "ar") == [
        "إثيوبيا",
        "أذربيجان",
        "آيرلندا",
    ]


def test_family_name_first_persons_sort_by_family_name():
    li = person_sort_key(given_name="伟", family_name="李", language="en")
    wang = person_sort_key(given_name="Anna", family_name="王", language="en")
    nguyen = person_sort_key(
        given_name="Thị Hương", family_name="Nguyễn", language="en"
    )
    nunez = person_sort_key(given_name="Ana", family_name="Nunez", language="en")

    assert nguyen < nunez
    assert li < wang


@pytest.mark.django_db
def test_public_list_orders_countries_and_names_in_the_reader_s_language():
    meeting = MeetingFactory()
    for country, family in [("DE", "Émile"), ("EG", "Zola"), ("EG", "Eco")]:
        RegistrationFactory(
            meeting=meeting,
            country=country,
            family_name=family,
            role="delegate",
            category=ParticipantCategory.MEMBER_STATE,
            status=RegistrationStatus.APPROVED,
            consent_public_list=True,
        )

    with translation.override("fr"):
        (states,) = public_participants(meeting)
    with translation.override("es"):
        (estados,) = public_participants(meeting)

    assert [entity.name for entity in states.entities] == ["Allemagne", "Égypte"]
    assert [entity.name for entity in estados.entities] == ["Alemania", "Egipto"]
    assert [p.name.split()[-1] for p in states.entities[1].participants] == [
        "Eco",
        "Zola",
    ]


@pytest.mark.django_db
def test_desk_search_results_are_in_the_language_s_order():
    meeting = MeetingFactory()
    for family in ["Zhou", "Émond", "Eaton", "de Vries"]:
        RegistrationFactory(meeting=meeting, family_name=family, given_name="Kim")

    with translation.override("fr"):
        found = search_registrations(
            meeting=meeting, query="Kim", day=meeting.start_date
        )

    assert [r.family_name for r in found] == ["de Vries", "Eaton", "Émond", "Zhou"]


@pytest.mark.django_db
def test_badges_print_countries_in_the_language_s_order():
    meeting = MeetingFactory()
    for country in ["AT", "DE", "CI"]:
        RegistrationFactory(
            meeting=meeting, country=country, status=RegistrationStatus.APPROVED
        )

    with translation.override("fr"):
        printed = badge_registrations(Registration.objects.all())

    # Allemagne, Autriche, Côte d'Ivoire
    assert [r.country.code for r in printed] == ["DE", "AT", "CI"]
