"""Country names as the UN writes them, in each of the six languages."""

import pytest
from django.utils import translation
from django_countries import countries

from consultation.countries import MEMBER, OBSERVER, TERRITORY, un_countries, un_name


def test_the_list_has_the_193_member_states_and_the_two_observer_states():
    statuses = [country.status for country in un_countries().values()]

    assert statuses.count(MEMBER) == 193
    assert statuses.count(OBSERVER) == 2
    assert {"VA", "PS"} == {
        code for code, country in un_countries().items() if country.status == OBSERVER
    }


def test_every_country_is_named_in_all_six_languages():
    for country in un_countries().values():
        assert set(country.names) == {"en", "fr", "es", "ru", "ar", "zh-hans"}
        assert all(name.strip() == name and name for name in country.names.values())


def test_escap_associate_members_are_territories_of_the_list():
    escap = {"AS", "CK", "PF", "GU", "HK", "MO", "NC", "NU", "MP"}

    assert {code for code in escap if un_countries()[code].status == TERRITORY} == escap


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("TR", "en", "Türkiye"),
        ("IR", "en", "Iran (Islamic Republic of)"),
        ("HK", "en", "Hong Kong, China"),
        ("KR", "en", "Republic of Korea"),
        ("CI", "en", "Côte d'Ivoire"),
        ("VN", "en", "Viet Nam"),
        ("LA", "en", "Lao People's Democratic Republic"),
        ("IR", "fr", "Iran (République islamique d')"),
        ("VN", "fr", "Viet Nam"),
        ("KR", "es", "República de Corea"),
        ("RU", "ru", "Российская Федерация"),
        ("VN", "ar", "فييت نام"),
        ("HK", "zh-hans", "中国香港"),
        ("KR", "zh-hans", "大韩民国"),
    ],
)
def test_django_countries_names_a_country_as_the_un_does(code, language, name):
    with translation.override(language):
        assert countries.name(code) == name


def test_a_country_list_is_named_in_the_language_it_is_read_in():
    with translation.override("ru"):
        russian = dict(countries)
    with translation.override("ar"):
        arabic = dict(countries)

    assert (russian["TR"], arabic["TR"]) == ("Турция", "تركيا")


def test_a_language_without_a_column_falls_back_to_english():
    assert un_name("VN", "de") == "Viet Nam"
