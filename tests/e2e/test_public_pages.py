"""Every public page: accessible (axe-core), valid HTML (Nu Html Checker), CSP-clean."""

import pytest

from delegates.models import Registration

from .checkers import blocking, run_axe, run_vnu
from .public_pages import (
    LAST_PAGE,
    build_public_site,
    fill_registration_form,
    submit_registration_form,
    visit_public_pages,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_pages_have_no_serious_accessibility_violations(page, axe_source):
    site = build_public_site()

    found = {
        name: run_axe(page, axe_source)
        for name, _html in visit_public_pages(page, site)
    }

    serious = {name: blocking(v) for name, v in found.items() if blocking(v)}
    assert serious == {}
    # WCAG 2.1 AA colour contrast: no violation of any impact.
    low_contrast = {
        name: [v for v in violations if v["rule"] == "color-contrast"]
        for name, violations in found.items()
    }
    assert {name: v for name, v in low_contrast.items() if v} == {}
    assert LAST_PAGE in found


def test_axe_reports_an_unlabelled_field_and_low_contrast(page, axe_source):
    site = build_public_site()
    page.goto(site.meeting.get_absolute_url())
    page.evaluate(
        "() => { const p = document.createElement('p');"
        " p.textContent = 'Faint text'; p.style.color = '#cccccc';"
        " document.querySelector('main').append(p, document.createElement('input')); }"
    )

    rules = {violation["rule"] for violation in run_axe(page, axe_source)}

    assert {"label", "color-contrast"} <= rules


def test_public_pages_are_valid_html(page, vnu_command):
    site = build_public_site()
    documents = dict(visit_public_pages(page, site))
    # A broken document in the same run proves the checker reports what it finds.
    broken = "<!doctype html><html lang=en><title>x</title><p><div></p>"

    errors = run_vnu(vnu_command, {**documents, "known broken": broken})

    assert any("“p”" in message for message in errors.pop("known broken"))
    assert errors == {}
    assert LAST_PAGE in documents


def test_public_pages_break_no_content_security_policy(page, csp_violations):
    site = build_public_site()

    names = [name for name, _html in visit_public_pages(page, site)]

    assert csp_violations == []
    assert "registration form with errors" in names


def test_content_security_policy_violations_are_caught(page, csp_violations):
    site = build_public_site()
    page.goto(site.meeting.get_absolute_url())

    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )

    assert page.evaluate("window.ran === undefined")
    assert any("Content Security Policy" in v for v in csp_violations)


def test_registration_form_errors_are_linked_to_their_fields(page):
    site = build_public_site()
    page.goto(f"/{site.meeting.slug}/register/")
    fill_registration_form(page, email="huong@example.org", country="---------")
    page.get_by_label("Phone*", exact=True).fill("12")

    submit_registration_form(page)

    for field, message in [
        ("phone", "valid phone number"),
        ("country", "Please choose the country your delegation represents."),
    ]:
        control = page.locator(f"#id_{field}")
        assert control.get_attribute("aria-invalid") == "true"
        described_by = control.get_attribute("aria-describedby").split()
        descriptions = " ".join(
            page.locator(f"#{element_id}").inner_text() for element_id in described_by
        )
        assert message in descriptions
    assert not Registration.objects.filter(email="huong@example.org").exists()


def focused_control(page):
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return {name: e.name || '', type: e.type || ''}; })()"
    )


# What a keyboard user types into each field the form asks for (selects choose
# by typing the start of an option), and the boxes they tick with Space.
TYPED = {
    "honorific": "Ms",
    "given_name": "Thị Hương",
    "family_name": "Nguyễn",
    "gender": "Female",
    "job_title": "Deputy Director-General",
    "organisation": "Ministry of Planning and Investment",
    "category": "Member",
    "country": "Viet",
    "email": "huong@example.org",
    "phone": "+84 24 3823 4567",
}
TICKED = {"consent_privacy"}


def test_registration_form_can_be_completed_with_the_keyboard_only(page):
    site = build_public_site()
    page.goto(f"/{site.meeting.slug}/register/")
    filled = set()

    for _ in range(100):
        page.keyboard.press("Tab")
        control = focused_control(page)
        # The language switcher's buttons come first; the form's own submit ends.
        if control["type"] == "submit" and control["name"] != "language":
            break
        if control["name"] in TYPED:
            page.keyboard.type(TYPED[control["name"]])
            filled.add(control["name"])
        elif control["name"] in TICKED:
            page.keyboard.press("Space")
            filled.add(control["name"])
    assert control["type"] == "submit"
    assert filled == set(TYPED) | TICKED
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.get_by_role("heading", name="your registration has been received").wait_for()
    registration = Registration.objects.get(email="huong@example.org")
    assert registration.honorific == "ms"
    assert registration.category == "member_state"
    assert registration.country.code == "VN"
    assert registration.family_name == "Nguyễn"
    assert registration.consent_privacy is True
