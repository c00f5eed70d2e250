"""The site in six languages: addresses, the switcher and the first visit."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from consultation.models import validate_meeting_slug
from delegates.tokens import make_registration_token
from tests.factories import RegistrationFactory, SessionFactory, publish_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    session = SessionFactory(title="Opening session")
    publish_programme(session.meeting, name="v1")
    return session.meeting


def url_in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def test_english_keeps_its_addresses_and_the_others_have_a_prefix(meeting):
    assert [
        url_in(code, "agenda:agenda", meeting_slug=meeting.slug)
        for code, _ in settings.LANGUAGES
    ] == [
        f"/ar/{meeting.slug}/agenda/",
        f"/zh-hans/{meeting.slug}/agenda/",
        f"/{meeting.slug}/agenda/",
        f"/fr/{meeting.slug}/agenda/",
        f"/ru/{meeting.slug}/agenda/",
        f"/es/{meeting.slug}/agenda/",
    ]


@pytest.mark.parametrize(
    ("code", "direction"),
    [
        ("ar", "rtl"),
        ("zh-hans", "ltr"),
        ("en", "ltr"),
        ("fr", "ltr"),
        ("ru", "ltr"),
        ("es", "ltr"),
    ],
)
def test_each_language_names_itself_on_the_page(client, meeting, code, direction):
    response = client.get(url_in(code, "agenda:agenda", meeting_slug=meeting.slug))

    assert response["Content-Language"] == code
    assert f'<html lang="{code}" dir="{direction}">' in response.content.decode()


def test_first_visit_follows_the_browsers_language(client, meeting):
    english_url = url_in("en", "agenda:agenda", meeting_slug=meeting.slug)

    response = client.get(
        f"{english_url}?day=2", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.8"
    )

    assert response.status_code == 302
    assert response["Location"] == f"/ru/{meeting.slug}/agenda/?day=2"
    assert {"accept-language", "cookie"} <= {
        header.strip().lower() for header in response["Vary"].split(",")
    }


def test_chinese_browsers_get_simplified_chinese(client, meeting):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert response["Location"] == "/zh-hans/"


def test_an_english_browser_and_a_browser_of_no_language_stay(client, meeting):
    url = url_in("en", "agenda:agenda", meeting_slug=meeting.slug)

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,fr;q=0.5")
    unknown = client.get(url, HTTP_ACCEPT_LANGUAGE="th-TH")

    assert (english.status_code, unknown.status_code) == (200, 200)


def test_posts_and_private_uploads_are_never_redirected(client, meeting):
    response = client.post(
        url_in("en", "delegates:register", meeting_slug=meeting.slug),
        {},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    upload = client.get("/private-media/1", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code != 302
    assert upload.status_code == 404


def test_switcher_keeps_the_page_and_the_choice_outlasts_the_browser(client, meeting):
    french_url = url_in("fr", "agenda:agenda", meeting_slug=meeting.slug)
    english_url = url_in("en", "agenda:agenda", meeting_slug=meeting.slug)
    page = client.get(french_url).content.decode()
    switch_url = url_in("fr", "set_language")

    assert f'action="{switch_url}"' in page
    assert f'name="next" value="{french_url}"' in page
    switched = client.post(switch_url, {"language": "en", "next": french_url})
    again = client.get(english_url, HTTP_ACCEPT_LANGUAGE="fr")

    assert switched.status_code == 302
    assert switched["Location"] == english_url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert again.status_code == 200
    assert again["Content-Language"] == "en"


def test_chosen_language_wins_over_the_browsers(client, meeting):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    response = client.get(f"/{meeting.slug}/agenda/", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Location"] == f"/es/{meeting.slug}/agenda/"


def test_feeds_answer_in_every_language(client, meeting):
    english = client.get(url_in("en", "agenda:agenda_ics", meeting_slug=meeting.slug))
    french = client.get(url_in("fr", "agenda:agenda_ics", meeting_slug=meeting.slug))

    assert english.status_code == french.status_code == 200
    assert "Opening session" in english.content.decode()
    assert "Opening session" in french.content.decode()


def test_private_link_opens_in_every_language(client):
    registration = RegistrationFactory(given_name="Amina")
    token = make_registration_token(registration)
    kwargs = {"meeting_slug": registration.meeting.slug, "token": token}

    english = client.get(url_in("en", "delegates:manage", **kwargs))
    arabic = client.get(url_in("ar", "delegates:manage", **kwargs))

    assert "Amina" in english.content.decode()
    assert "Amina" in arabic.content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()


@pytest.mark.parametrize("slug", ["fr", "es-2026", "zh-hans", "ar"])
def test_meeting_slug_that_reads_as_a_language_is_refused(slug):
    with pytest.raises(ValidationError):
        validate_meeting_slug(slug)


def test_ordinary_meeting_slug_is_accepted():
    validate_meeting_slug("escap-ssc-2026")
