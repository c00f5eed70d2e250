"""The quality checks of tests/e2e/test_public_pages.py cover every public page."""

from django.urls import URLPattern, URLResolver, get_resolver

from .public_pages import CHECKED_URL_NAMES, NOT_PAGES
from .staff_pages import SIGN_IN_PAGES_NOT_WALKED, STAFF_CHECKED_URL_NAMES


def public_url_names(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = (
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
            yield from public_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_public_url_is_checked_or_declared_not_a_page():
    unchecked = (
        set(public_url_names())
        - CHECKED_URL_NAMES
        - STAFF_CHECKED_URL_NAMES
        - set(NOT_PAGES)
        - set(SIGN_IN_PAGES_NOT_WALKED)
    )

    assert unchecked == set(), (
        "Add these public pages to tests/e2e/public_pages.py (visit_public_pages "
        "and CHECKED_URL_NAMES) or, for staff pages, tests/e2e/staff_pages.py; to "
        "NOT_PAGES if they are not HTML pages."
    )
