"""The staff sign-in pages (allauth) in English and Arabic: accessible, valid, CSP-safe.

Each page is seen as a person meets it: signing in, a wrong password, enrolling
a second factor (authenticator app, security key, recovery codes), the second
factor at sign-in, a wrong code, confirming it again, signing out. A form sent
back with errors opens at its error summary, which takes the focus.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.staff_sign_in import PASSWORD, enrol_authenticator_app, totp_code

from .checkers import blocking, run_axe, run_vnu

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [
    pytest.param("en", "ltr", id="english"),
    pytest.param("ar", "rtl", id="arabic"),
]


def address(language, name):
    with translation.override(language):
        return reverse(name)


def submit(page, action):
    """Press the submit button of the form posting to ``action``, and wait."""
    with page.expect_navigation():
        page.locator(f'form[action="{action}"] button[type=submit]').first.click()


def assert_error_summary_has_focus(page):
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    # At the top of the page, above the heading, as on the delegate forms.
    heading = page.locator("main h1").bounding_box()
    assert summary.bounding_box()["y"] < heading["y"]


def visit_sign_in_pages(page, language):
    """Yield (name, HTML as shown) for each sign-in page, in ``language``."""
    login = address(language, "account_login")
    authenticate = address(language, "mfa_authenticate")
    activate_totp = address(language, "mfa_activate_totp")
    admin = address(language, "admin:index")

    page.context.clear_cookies()
    newcomer = UserFactory(username="newcomer", is_staff=True)
    page.goto(f"{login}?next={admin}")
    yield "sign-in", page.content()
    page.locator("input[name=login]").fill(newcomer.username)
    page.locator("input[name=password]").fill("not the password")
    submit(page, login)
    assert_error_summary_has_focus(page)
    yield "sign-in with a wrong password", page.content()
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page, login)
    page.wait_for_url(f"**{address(language, 'mfa_index')}*")
    yield "enrol a second factor", page.content()
    page.goto(activate_totp)
    yield "enrol an authenticator app", page.content()
    page.locator("input[name=code]").fill("000000")
    submit(page, activate_totp)
    assert_error_summary_has_focus(page)
    yield "enrol an authenticator app, wrong code", page.content()
    page.goto(address(language, "mfa_add_webauthn"))
    yield "enrol a security key", page.content()

    page.context.clear_cookies()
    staff = UserFactory(username="amara", is_staff=True)
    secret = enrol_authenticator_app(staff)
    page.goto(f"{login}?next={admin}")
    page.locator("input[name=login]").fill(staff.username)
    page.locator("input[name=password]").fill(PASSWORD)
    submit(page, login)
    page.wait_for_url(f"**{authenticate}")
    yield "second factor", page.content()
    page.locator("input[name=code]").fill("000000")
    submit(page, authenticate)
    assert_error_summary_has_focus(page)
    yield "second factor, wrong code", page.content()
    page.locator("input[name=code]").fill(totp_code(secret))
    submit(page, authenticate)
    page.wait_for_url(f"**{admin}")
    page.goto(address(language, "mfa_view_recovery_codes"))
    yield "recovery codes", page.content()
    page.goto(address(language, "mfa_reauthenticate"))
    yield "confirm the second factor again", page.content()
    page.goto(address(language, "account_logout"))
    yield "sign out", page.content()


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_sign_in_pages_are_accessible_valid_and_csp_clean(
    page, axe_source, vnu_command, csp_violations, language, direction
):
    documents, found = {}, {}
    for name, html in visit_sign_in_pages(page, language):
        assert page.locator("html").get_attribute("lang") == language, name
        assert page.locator("html").get_attribute("dir") == direction, name
        assert page.locator("link[href*='bootstrap']").count() == 1, name
        documents[name] = html
        found[name] = run_axe(page, axe_source)

    assert {name: blocking(v) for name, v in found.items() if blocking(v)} == {}
    low_contrast = {
        name: [v for v in violations if v["rule"] == "color-contrast"]
        for name, violations in found.items()
    }
    assert {name: v for name, v in low_contrast.items() if v} == {}
    assert run_vnu(vnu_command, documents) == {}
    assert csp_violations == []
    assert len(documents) == 11
