"""Staff pages (the desk, the statistics): accessible, valid HTML, CSP-clean."""

import pytest

from .checkers import blocking, run_axe, run_vnu
from .staff_pages import LAST_STAFF_PAGE, build_staff_site, visit_staff_pages

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_pages_have_no_serious_accessibility_violations(
    page, live_server, axe_source
):
    site = build_staff_site()

    found = {
        name: run_axe(page, axe_source)
        for name, _html in visit_staff_pages(page, site, live_server.url)
    }

    assert {name: blocking(v) for name, v in found.items() if blocking(v)} == {}
    low_contrast = {
        name: [v for v in violations if v["rule"] == "color-contrast"]
        for name, violations in found.items()
    }
    assert {name: v for name, v in low_contrast.items() if v} == {}
    assert LAST_STAFF_PAGE in found


def test_staff_pages_are_valid_html(page, live_server, vnu_command):
    site = build_staff_site()

    documents = dict(visit_staff_pages(page, site, live_server.url))

    assert run_vnu(vnu_command, documents) == {}
    assert LAST_STAFF_PAGE in documents


def test_staff_pages_break_no_content_security_policy(
    page, live_server, csp_violations
):
    site = build_staff_site()

    documents = dict(visit_staff_pages(page, site, live_server.url))

    assert csp_violations == []
    assert "Photo of Siriporn Chaiyasit" in documents["desk search results"]
    assert (
        "Checked in. Welcome!" in documents["desk check-in answer without JavaScript"]
    )
    assert "Already checked in" in documents["desk warning: already checked in"]
