"""A delegate's journey in Arabic (right to left) and in Chinese.

The labels and messages the browser looks for come from the catalogue (the
form's own labels, gettext, evaluated in the language), so the tests follow
the translations rather than copying them.
"""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext

from agenda.enums import SideEventAccess, SignUpStatus
from consultation.outbox.models import OutgoingMail
from delegates.enums import RegistrationStatus
from delegates.forms import LEFT_TO_RIGHT_FIELDS, RegistrationForm
from delegates.models import Registration
from delegates.services import approve_registration
from tests.factories import (
    InvitationCodeFactory,
    MeetingFactory,
    SideEventFactory,
    UserFactory,
    meeting_time,
    publish_programme,
)

from .checkers import blocking, run_axe, run_vnu

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [
    pytest.param("ar", "rtl", id="arabic"),
    pytest.param("zh-hans", "ltr", id="chinese"),
]


class Labels:
    """The registration form's labels and choices, as shown in one language."""

    def __init__(self, meeting, language):
        with translation.override(language):
            form = RegistrationForm(meeting=meeting)
            self.fields = {
                name: strip_tags(str(field.label))
                for name, field in form.fields.items()
            }
            self.choices = {
                name: {str(value): str(label) for value, label in field.choices}
                for name, field in form.fields.items()
                if hasattr(field, "choices") and name not in ("country", "nationality")
            }

    def field(self, page, name):
        """The control labelled with this field's label (a required one has a *)."""
        label = re.escape(self.fields[name])
        return page.get_by_label(re.compile(rf"^\s*{label}\s*\*?\s*$"))

    def choice(self, name, value):
        return self.choices[name][value]


def say(language, message, **values):
    with translation.override(language):
        text = gettext(message)
    return text % values if values else text


def assert_page_in(page, language, direction):
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == direction


# What the meeting's organisers and the delegate wrote, the names of the
# languages in the switcher, of file formats and of the meeting's time zone:
# the only Latin text an Arabic or Chinese page shows.
ENTERED_TEXT = [
    "JPEG",
    "PNG",
    "WebP",
    "PDF",
    "iCalendar",
    "Asia/Bangkok",
    "UNOSSC and TICA",
    "Regional Consultation on South-South Cooperation",
    "RCSSC",
    "Report launch",
    "Inaugural DG Forum",
    "Conference Room",
    "Bangkok",
    "Director",
    "Ministry of Commerce",
    "li.wei@example.org",
    "English",
    "Français",
    "français",
    "Español",
    "español",
]


def untranslated_words(page):
    """Latin words on the page that nobody entered: English the catalogue missed."""
    text = page.locator("body").inner_text()
    for entered in ENTERED_TEXT:
        text = text.replace(entered, " ")
    return sorted(set(re.findall(r"[A-Za-z]{3,}", text)))


def assert_laid_out(page, labels, direction):
    """A tick box sits before its label in the reading direction: on the right
    in Arabic (Bootstrap's RTL stylesheet), on the left otherwise."""
    box = labels.field(page, "consent_privacy").bounding_box()
    label = page.locator("label[for=id_consent_privacy]").bounding_box()
    if direction == "rtl":
        assert box["x"] >= label["x"] + label["width"]
    else:
        assert box["x"] + box["width"] <= label["x"]


def check_page(page, axe_source, documents, name):
    """Axe and the language on the page as it stands; the document as the
    browser holds it kept for one Nu run at the end."""
    serious = blocking(run_axe(page, axe_source))
    assert serious == [], name
    assert untranslated_words(page) == [], name
    documents[name] = page.content()


def meeting_with_side_events():
    meeting = MeetingFactory(
        title="Regional Consultation on South-South Cooperation", short_name="RCSSC"
    )
    launch = SideEventFactory(meeting=meeting, session__title="Report launch")
    dg_forum = SideEventFactory(
        meeting=meeting,
        session__title="Inaugural DG Forum",
        session__start=meeting_time(meeting, 0, 12),
        session__end=meeting_time(meeting, 0, 13),
        access=SideEventAccess.INVITATION,
        capacity=25,
    )
    code = InvitationCodeFactory(side_event=dg_forum)
    publish_programme(meeting)
    return meeting, launch, dg_forum, code


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_delegate_registers_and_signs_up_for_a_side_event_in_their_language(
    page, axe_source, vnu_command, language, direction
):
    meeting, launch, dg_forum, code = meeting_with_side_events()
    labels = Labels(meeting, language)
    documents = {}

    with translation.override(language):
        page.goto(meeting.get_absolute_url())
    assert page.url.endswith(f"/{language}/{meeting.slug}/")
    assert_page_in(page, language, direction)
    page.get_by_role("link", name=say(language, "Register")).first.click()
    assert_page_in(page, language, direction)
    for name in LEFT_TO_RIGHT_FIELDS:
        assert page.locator(f"#id_{name}").get_attribute("dir") == "ltr", name
    check_page(page, axe_source, documents, "registration form")
    assert_laid_out(page, labels, direction)

    labels.field(page, "honorific").select_option(
        label=labels.choice("honorific", "ms")
    )
    labels.field(page, "given_name").fill("伟")
    labels.field(page, "family_name").fill("李")
    labels.field(page, "gender").select_option(label=labels.choice("gender", "female"))
    labels.field(page, "job_title").fill("Director")
    labels.field(page, "organisation").fill("Ministry of Commerce")
    labels.field(page, "category").select_option(
        label=labels.choice("category", "member_state")
    )
    labels.field(page, "country").select_option(value="CN")
    labels.field(page, "email").fill("li.wei@example.org")
    # Valid to the browser, refused by the server: the form comes back with errors.
    labels.field(page, "phone").fill("010 6512 1234")
    side_events = page.get_by_role("group", name=labels.fields["side_events"])
    assert side_events.get_by_label("Inaugural DG Forum").count() == 0
    side_events.get_by_label("Report launch").check()
    labels.field(page, "consent_privacy").check()
    page.get_by_role("button", name=say(language, "Register"), exact=True).click()

    summary = page.locator("[data-error-summary]")
    summary.get_by_text(say(language, "There is a problem")).wait_for()
    phone_error = say(
        language,
        "Enter a valid phone number in international format with the country "
        "code, e.g. +66 2 288 1234.",
    )
    assert phone_error in summary.inner_text()
    assert_page_in(page, language, direction)
    check_page(page, axe_source, documents, "registration form with errors")
    labels.field(page, "phone").fill("+86 10 6512 1234")
    page.get_by_role("button", name=say(language, "Register"), exact=True).click()

    page.get_by_role(
        "heading", name=say(language, "Thank you: your registration has been received")
    ).wait_for()
    assert_page_in(page, language, direction)
    check_page(page, axe_source, documents, "confirmation")
    registration = Registration.objects.get()
    assert registration.language == language
    assert (registration.family_name, registration.given_name) == ("李", "伟")
    (received,) = OutgoingMail.objects.filter(to=registration.email)
    assert received.language == language
    assert received.subject == say(
        language, "Registration received: %(meeting)s", meeting="RCSSC"
    )
    (message,) = mail.outbox
    assert message.subject == received.subject
    requested = say(
        language,
        "requested; your seat is booked when your registration is approved, while "
        "seats are left (otherwise you join the waiting list)",
    )
    assert f"Report launch: {requested}" in message.body
    assert f"Report launch: {requested}" in received.html_body
    assert f"/{language}/{meeting.slug}/register/" in message.body

    approve_registration(registration, by=UserFactory())
    assert registration.status == RegistrationStatus.APPROVED
    approved = mail.outbox[-1]
    assert approved.subject == say(
        language, "Registration approved: %(meeting)s", meeting="RCSSC"
    )

    with translation.override(language):
        page.goto(registration.get_private_url())
    assert_page_in(page, language, direction)
    launch_card = page.get_by_role("article", name="Report launch")
    launch_card.get_by_text(say(language, "Your seat is booked")).wait_for()
    check_page(page, axe_source, documents, "private link")
    forum = page.get_by_role("article", name="Inaugural DG Forum")
    forum.get_by_label(say(language, "Invitation code")).fill(code.code.lower())
    forum.get_by_role("button", name=say(language, "Sign up")).click()

    page.get_by_text(
        say(language, "Your seat at “%(title)s” is booked.", title="Inaugural DG Forum")
    ).wait_for()
    assert_page_in(page, language, direction)
    assert forum.get_by_text(say(language, "Your seat is booked")).is_visible()
    check_page(page, axe_source, documents, "private link after the sign-up")
    signup = registration.side_event_signups.get(side_event=dg_forum)
    assert signup.status == SignUpStatus.BOOKED
    code.refresh_from_db()
    assert code.uses == 1
    assert run_vnu(vnu_command, documents) == {}
