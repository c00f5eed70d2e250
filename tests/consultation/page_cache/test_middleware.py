"""Finished public pages served early (consultation/page_cache/middleware.py)."""

import dataclasses

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from consultation.models import Meeting
from consultation.page_cache.kept_pages import ProgrammePage, programme_state_etag
from consultation.page_cache.middleware import ProgrammePageCacheMiddleware
from tests.factories import SessionFactory, publish_programme
from tests.kept_pages import later_than_the_recheck, served_early

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    """A session of a meeting whose programme is published as "v1"."""
    session = SessionFactory(title="Opening session")
    publish_programme(session.meeting, name="v1")
    return session


def agenda_url(meeting):
    return reverse("agenda:agenda", kwargs={"meeting_slug": meeting.slug})


def test_repeated_agenda_is_served_whole_without_a_query(
    client, session, django_assert_max_num_queries
):
    first = client.get(agenda_url(session.meeting))

    with django_assert_max_num_queries(0):
        again = client.get(agenda_url(session.meeting))

    assert not served_early(first)
    assert served_early(again)
    assert again.content == first.content
    assert "Opening session" in again.content.decode()


def test_kept_page_keeps_its_security_and_caching_headers(client, session):
    first = client.get(agenda_url(session.meeting))

    again = client.get(agenda_url(session.meeting))

    assert served_early(again)
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cache-Control",
        "ETag",
        "Last-Modified",
        "Content-Language",
        "Vary",
    ):
        assert again[header] == first[header], header
    assert "default-src 'self'" in again["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"


def test_a_programme_change_shows_on_the_next_request(client, session):
    client.get(agenda_url(session.meeting))
    client.get(agenda_url(session.meeting))

    session.title = "Opening and welcome"
    session.save()
    publish_programme(session.meeting, name="v2")
    again = client.get(agenda_url(session.meeting))

    assert "Opening and welcome" in again.content.decode()
    assert "Opening session" not in again.content.decode()


def test_a_meeting_change_shows_on_the_next_request(client, session):
    meeting = session.meeting
    client.get(agenda_url(meeting))

    meeting.short_name = "SSC-Asia"
    meeting.save()
    again = client.get(agenda_url(meeting))

    assert "SSC-Asia" in again.content.decode()


def test_a_change_made_by_another_worker_shows_within_a_second(client, session):
    # Another worker's change reaches this one only through the database: no
    # signal runs here, as with a bulk update followed by touch_programme().
    meeting = session.meeting
    client.get(agenda_url(meeting))
    Meeting.objects.filter(pk=meeting.pk).update(
        short_name="SSC-Asia", updated_at=meeting.updated_at.replace(year=2100)
    )

    within_the_second = client.get(agenda_url(meeting))
    with later_than_the_recheck():
        after_it = client.get(agenda_url(meeting))

    assert "SSC-Asia" not in within_the_second.content.decode()
    assert "SSC-Asia" in after_it.content.decode()


def test_unpublished_meeting_is_not_found_once_rechecked(client, session):
    meeting = session.meeting
    client.get(agenda_url(meeting))
    Meeting.objects.filter(pk=meeting.pk).update(published=False)

    with later_than_the_recheck():
        again = client.get(agenda_url(meeting))

    assert again.status_code == 404


def french_agenda_url(meeting):
    with translation.override("fr"):
        return agenda_url(meeting)


def test_each_language_is_kept_apart(client, session):
    english_url = agenda_url(session.meeting)
    french_url = french_agenda_url(session.meeting)

    english = client.get(english_url)
    french = client.get(french_url)
    french_again = client.get(french_url)
    english_again = client.get(english_url)

    assert french_url == f"/fr/{session.meeting.slug}/agenda/"
    assert served_early(french_again) and served_early(english_again)
    for response in (english, english_again):
        assert response["Content-Language"] == "en"
        assert '<html lang="en" dir="ltr">' in response.content.decode()
    for response in (french, french_again):
        assert response["Content-Language"] == "fr"
        assert '<html lang="fr" dir="ltr">' in response.content.decode()


def test_kept_french_page_is_never_served_for_english(client, session):
    english_url = agenda_url(session.meeting)
    client.get(french_agenda_url(session.meeting))
    client.get(french_agenda_url(session.meeting))

    plain = client.get(english_url)
    asking_for_english = client.get(english_url, HTTP_ACCEPT_LANGUAGE="en-GB,fr;q=0.5")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    chose_english = client.get(english_url, HTTP_ACCEPT_LANGUAGE="fr")

    for response in (plain, asking_for_english, chose_english):
        assert response.status_code == 200
        assert response["Content-Language"] == "en"
        assert '<html lang="en" dir="ltr">' in response.content.decode()


def test_kept_english_page_is_never_served_to_a_french_browser(client, session):
    client.get(agenda_url(session.meeting))
    client.get(agenda_url(session.meeting))

    french_browser = client.get(agenda_url(session.meeting), HTTP_ACCEPT_LANGUAGE="fr")

    assert french_browser.status_code == 302
    assert french_browser["Location"] == french_agenda_url(session.meeting)


def test_signed_in_organiser_gets_the_page_through_the_whole_stack(
    client, organiser_client, session
):
    client.get(agenda_url(session.meeting))

    signed_in = organiser_client.get(agenda_url(session.meeting))

    assert not served_early(signed_in)
    assert signed_in.wsgi_request.user.is_authenticated
    assert "Opening session" in signed_in.content.decode()


def test_visitor_with_a_pending_message_sees_it(client, session):
    client.get(agenda_url(session.meeting))
    client.get(agenda_url(session.meeting))
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Your seat at the DG Forum is booked.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies[CookieStorage.cookie_name] = carrier.cookies[
        CookieStorage.cookie_name
    ].value

    with_message = client.get(agenda_url(session.meeting))

    assert not served_early(with_message)
    assert "Your seat at the DG Forum is booked." in with_message.content.decode()


def test_conditional_request_is_answered_by_the_view(client, session):
    first = client.get(agenda_url(session.meeting))

    again = client.get(agenda_url(session.meeting), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert not served_early(again)


def test_pages_of_other_hosts_and_queries_are_kept_apart(client, session):
    with override_settings(ALLOWED_HOSTS=["a.example.org", "b.example.org"]):
        client.get(agenda_url(session.meeting), HTTP_HOST="a.example.org")
        other_host = client.get(agenda_url(session.meeting), HTTP_HOST="b.example.org")
    client.get(agenda_url(session.meeting))
    filtered = client.get(agenda_url(session.meeting), {"kind": "break"})

    assert not served_early(other_host)
    assert not served_early(filtered)
    assert "Opening session" not in filtered.content.decode()


def kept_or_not(response):
    """Run the middleware twice around a view answering ``response``."""
    calls = []

    def view(request):
        calls.append(request)
        request._published_meeting = Meeting.objects.get()
        return response

    middleware = ProgrammePageCacheMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/any/"))
    return len(calls) == 1


def programme_response(**headers):
    meeting = Meeting.objects.get()
    response = HttpResponse("the agenda", headers=headers)
    response["Cache-Control"] = "public, max-age=60"
    response.programme_page = ProgrammePage(
        meeting_slug=meeting.slug,
        etag=programme_state_etag(meeting),
    )
    return response


def test_public_programme_response_is_kept(session):
    assert kept_or_not(programme_response())


def test_response_that_sets_a_cookie_is_never_kept(session):
    response = programme_response()
    response.set_cookie("sessionid", "abc")

    assert not kept_or_not(response)


def test_response_that_varies_by_cookie_is_never_kept(session):
    assert not kept_or_not(programme_response(Vary="Cookie"))


def test_response_of_another_page_is_never_kept(session):
    response = programme_response()
    del response.programme_page

    assert not kept_or_not(response)


def form_response(*, cookies=("csrftoken",)):
    """A page with a form as the CSRF layer leaves it: with the visitor's token."""
    response = programme_response(Vary="Cookie")
    response.programme_page = dataclasses.replace(response.programme_page, csrf=True)
    response.content_for_everyone = b"the form"
    for name in cookies:
        response.set_cookie(name, "abc")
    return response


def test_page_with_a_form_and_its_csrf_cookie_is_kept(session):
    assert kept_or_not(form_response())


def test_page_with_a_form_that_sets_another_cookie_is_never_kept(session):
    assert not kept_or_not(form_response(cookies=["csrftoken", "sessionid"]))


def test_page_with_a_form_without_a_page_for_everyone_is_never_kept(session):
    response = form_response()
    del response.content_for_everyone

    assert not kept_or_not(response)


def schedule_json_url(meeting):
    return reverse("agenda:schedule_json", kwargs={"meeting_slug": meeting.slug})


def test_junk_query_parameters_share_the_kept_page(client, session):
    url = schedule_json_url(session.meeting)
    first = client.get(url)
    kept = len(caches["pages"])

    variants = [client.get(f"{url}?utm_source={n}&fbclid=x{n}") for n in range(30)]

    assert all(served_early(variant) for variant in variants)
    assert {variant.content for variant in variants} == {first.content}
    assert len(caches["pages"]) == kept


def test_the_agenda_s_own_filters_keep_pages_of_their_own(client, session):
    other = SessionFactory(meeting=session.meeting, title="Closing plenary")
    publish_programme(session.meeting, name="v2")
    url = agenda_url(session.meeting)
    client.get(f"{url}?track=&kind=")
    everything = client.get(url)
    client.get(f"{url}?room={other.room_id}")

    filtered = client.get(f"{url}?room={other.room_id}&utm_source=mail")

    assert served_early(filtered)
    assert "Closing plenary" in filtered.content.decode()
    assert "Opening session" not in filtered.content.decode()
    assert "Opening session" in everything.content.decode()


def test_the_kept_pages_of_a_worker_stay_within_their_size_limit():
    assert settings.CACHES["pages"]["BACKEND"] == (
        "consultation.cache_backends.SizeBoundedMemoryCache"
    )
    assert settings.CACHES["pages"]["OPTIONS"]["MAX_BYTES"] == 64 * 1024 * 1024
