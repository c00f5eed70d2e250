"""The visitor's language: in the URL, chosen with the switcher, else the browser's.

English pages keep their unprefixed addresses; the other languages live under a
prefix (``/fr/…``, consultation/urls.py). A visitor who chose a language with the
switcher carries Django's language cookie; one who never chose is read from
``Accept-Language``. Either way, an unprefixed address is answered with a redirect
to the same page in that language, before a kept English page could be served.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language as django_set_language

# ``?lang=fr`` on any page or feed: the same address in that language.
LANGUAGE_PARAMETER = "lang"


def preferred_language_url(request) -> str | None:
    """Return the address of this page in the visitor's language, if it is not this.

    Only for GET and HEAD on an unprefixed address that has a page in every
    language (not the admin, uploads or static files), and only when the visitor's
    cookie, else their browser, prefers a language other than English.
    """
    if request.method not in ("GET", "HEAD"):
        return None
    if LANGUAGE_PARAMETER in request.GET:
        return _asked_language_url(request)
    if translation.get_language_from_path(request.path_info):
        return None
    language = translation.get_language_from_request(request)
    if language == settings.LANGUAGE_CODE:
        return None
    here = request.get_full_path()
    with translation.override(settings.LANGUAGE_CODE):
        there = translate_url(here, language)
    return None if there == here else there


def _asked_language_url(request) -> str | None:
    """The address of this page in the language of its ``?lang=``, without it.

    For feeds that a calendar or a reader subscribes to by one address, such as
    ``agenda.ics?lang=fr``; an unknown language is left to the page. The answer
    is the prefixed address, which the kept pages keep per language.
    """
    query = request.GET.copy()
    language = query.pop(LANGUAGE_PARAMETER)[-1].lower()
    if language not in dict(settings.LANGUAGES):
        return None
    current = translation.get_language_from_path(request.path_info)
    with translation.override(current or settings.LANGUAGE_CODE):
        there = translate_url(request.path, language)
    return f"{there}?{query.urlencode()}" if query else there


class PreferredLanguageMiddleware:
    """Send a visitor to the page in their language (see preferred_language_url)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        there = preferred_language_url(request)
        if there is None:
            return self.get_response(request)
        response = HttpResponseRedirect(there)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


# The switcher is on every public page, and the kept pages are the same for every
# visitor, so its form carries no CSRF token. Forging it only changes the
# language someone reads the site in, which the next click on the switcher undoes.
set_language = csrf_exempt(django_set_language)
