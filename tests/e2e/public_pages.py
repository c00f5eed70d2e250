"""The public pages every quality check walks through, in one place.

When a feature adds a public page, add it to `visit_public_pages` and its URL name
to CHECKED_URL_NAMES (or, for something that is not an HTML page, to NOT_PAGES):
tests/e2e/test_public_pages.py fails until every public URL is one or the other.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone, translation

from agenda.enums import SessionKind, SideEventAccess, SpeakingLevel
from agenda.models import ListOfSpeakers, SideEvent
from agenda.speakers_list.services import inscribe_speaker
from consultation.models import Meeting
from delegates.enums import DelegationRole, RegistrationStatus
from delegates.models import Delegation, Registration
from delegates.questions.enums import QuestionKind
from delegates.tokens import (
    make_delegation_token,
    make_email_change_token,
    make_registration_token,
)
from tests.factories import (
    AgendaItemFactory,
    ChoiceFactory,
    DelegationFactory,
    DocumentFactory,
    DocumentFileFactory,
    MeetingFactory,
    MeetingFormFactory,
    QuestionFactory,
    RegistrationFactory,
    SessionFactory,
    SessionRoleFactory,
    SideEventFactory,
    SpeakerFactory,
    meeting_time,
    publish_programme,
)

CHECKED_URL_NAMES = {
    "home",
    "meeting_home",
    "agenda:agenda",
    "agenda:session_detail",
    "agenda:now",
    "agenda:items",
    "agenda:speakers",
    "agenda:speaker_detail",
    "agenda:documents",
    "agenda:changelog",
    "delegates:register",
    "delegates:register_form",
    "delegates:registration_forms",
    "delegates:registration_done",
    "delegates:manage",
    "delegates:privacy",
    "delegates:resend_link",
    "delegates:link_sent",
    "delegates:cancel",
    "delegates:confirm_email",
    "delegates:delegation_nominate",
    "delegates:delegation_done",
    "delegates:delegation_manage",
    "delegates:delegation_bilateral_request",
    "delegates:delegation_letter",
    "delegates:delegation_replace_member",
    "delegates:delegation_withdraw_member",
    "participants:list",
    "side_events:list",
    "side_events:sign_up",
    "speakers_list:index",
    "speakers_list:public",
    "speakers_list:inscribe",
    "speakers_list:delegation_inscribe",
}
NOT_PAGES = {
    "delegates:head_bilateral_request": (
        "the bilateral request form of delegates:delegation_bilateral_request (same "
        "template and form), reached from a head of delegation's private link"
    ),
    "delegates:head_bilateral_accept": (
        "a POST-only action that redirects to the private link"
    ),
    "delegates:delegation_bilateral_accept": (
        "a POST-only action that redirects to the focal point's page"
    ),
    "api-schema": "the API's OpenAPI schema (tests/consultation/api/test_docs.py)",
    "api-docs": (
        "the API's Swagger UI, drf-spectacular-sidecar's vendored page for "
        "developers (tests/consultation/api/test_docs.py)"
    ),
    **{
        f"api-{name}": "JSON of the REST API (tests/*/api/)"
        for name in (
            "meetings",
            "meeting",
            "rooms",
            "tracks",
            "sessions",
            "people",
            "agenda-items",
            "documents",
            "side-events",
            "registrations",
            "registration",
            "registration-status",
            "delegations",
            "check-ins",
            "outbox",
        )
    },
    "jobs:detail": (
        "a job's page in the admin, on Django's admin templates like the rest of "
        "/admin/ (tests/consultation/jobs/)"
    ),
    "jobs:progress": "JSON for the job page's script",
    "jobs:download": "a job's file, served as a download",
    "set_language": "the language switcher's POST, which redirects to the same page",
    "upload": "uploaded files, served as downloads (tests/security/test_uploads.py)",
    "delegates:own_badge": "a PDF badge",
    "participants:csv": "a CSV download for organisers",
    "side_events:cancel": "a POST-only action that redirects to the private link",
    "delegates:own_visa_letter": "a PDF visa support letter",
    "participants:pdf": "a PDF of the list of participants",
    "agenda:agenda_ics": "an iCalendar feed",
    "side_events:calendar": "a delegate's personal iCalendar feed",
    "agenda:session_ics": "an iCalendar file",
    "agenda:schedule_json": "a JSON feed",
    "agenda:schedule_xml": "the frab schedule.xml feed",
    "agenda:changelog_rss": "an RSS feed",
    "agenda:changelog_atom": "an Atom feed",
    "delegates:own_photo": "a delegate's own badge photo (tests/security)",
    "delegates:own_answer_file": (
        "a file a delegate sent as an answer (tests/delegates/questions)"
    ),
    "delegates:delegation_credentials_letter": "a PDF credentials letter",
    "private_upload": "personal uploads for staff (tests/security)",
    "speakers_list:withdraw": "a POST-only action that redirects to the inscriptions",
    "speakers_list:delegation_withdraw": (
        "a POST-only action that redirects to the focal point's inscription page"
    ),
    "speakers_list:csv": "a CSV download for the secretariat",
    "speakers_list:pdf": "a PDF of a list of speakers for the secretariat",
    "speakers_list:next": "a POST-only action of the chair's view",
    "speakers_list:mark_spoken": "a POST-only action of the chair's view",
}


@dataclass
class PublicSite:
    meeting: Meeting
    closed_meeting: Meeting
    registration: Registration
    delegation: Delegation
    delegate: Registration
    side_event: SideEvent
    online_participant: Registration
    list_of_speakers: ListOfSpeakers


def add_registration_questions(meeting):
    """Questions of every layout the form has: radios, checkboxes, a file, a
    conditional one, and one for some categories only."""
    visit = QuestionFactory(
        meeting=meeting,
        section="Field visit",
        label="Will you join the field visit on day 3?",
        kind=QuestionKind.YES_NO,
    )
    diet = QuestionFactory(
        meeting=meeting,
        section="Field visit",
        label="Dietary needs for the field visit lunch",
        kind=QuestionKind.LONG_TEXT,
        shown_if_question=visit,
        shown_if_yes=True,
        required=True,
    )
    groups = QuestionFactory(
        meeting=meeting,
        label="Breakout groups",
        kind=QuestionKind.SEVERAL_CHOICES,
        categories=["member_state"],
    )
    for label in ("Trade", "Climate"):
        ChoiceFactory(question=groups, label=label)
    QuestionFactory(meeting=meeting, label="Issued by", kind=QuestionKind.COUNTRY)
    QuestionFactory(meeting=meeting, label="Invitation letter", kind=QuestionKind.FILE)
    return diet


def add_registration_forms(meeting):
    """A form for civil society with a question of its own, and one not yet open;
    the meeting's own form stays at its registration address."""
    civil_society = MeetingFormFactory(
        meeting=meeting,
        name="Civil society",
        slug="civil-society",
        description="For non-governmental organisations accredited to the meeting.",
        categories=["civil_society"],
    )
    QuestionFactory(meeting=meeting, label="Your network or constituency").forms.set(
        [civil_society]
    )
    MeetingFormFactory(
        meeting=meeting,
        name="Media",
        slug="media",
        opens_at=timezone.now() + datetime.timedelta(days=3),
    )


def build_public_site():
    """A meeting with a programme and a registration, and a closed meeting beside it."""
    meeting = MeetingFactory(
        title=(
            "Regional Consultation on South-South Cooperation in Asia and the Pacific"
        ),
        title_ar="المشاورة الإقليمية بشأن التعاون فيما بين بلدان الجنوب",
        title_zh_hans="亚洲及太平洋南南合作区域磋商会",
        short_name="RCSSC",
        description="Three days of plenaries, panels and side events.",
        attendance_offer="hybrid",
    )
    add_registration_questions(meeting)
    add_registration_forms(meeting)
    closed_meeting = MeetingFactory(
        registration_opens=timezone.now() - datetime.timedelta(days=30),
        registration_closes=timezone.now() - datetime.timedelta(days=1),
    )
    opening = SessionFactory(
        meeting=meeting,
        title="Opening session",
        title_ar="الجلسة الافتتاحية",
        title_zh_hans="开幕式",
        slug="opening",
        description="Welcome remarks by the Executive Secretary.",
        joining_link="https://meet.example.org/rcssc/opening",
    )
    speaker = SpeakerFactory(meeting=meeting, name="Armida Alisjahbana", slug="armida")
    SessionRoleFactory(session=opening, speaker=speaker)
    opening_item = AgendaItemFactory(
        meeting=meeting,
        title="Opening of the consultation",
        title_ar="افتتاح المشاورة",
        title_zh_hans="磋商会开幕",
    )
    DocumentFactory(meeting=meeting, title="Information note for participants")
    # One symbol with a version per language: links labelled in their language.
    concept_note = DocumentFactory(
        meeting=meeting,
        agenda_item=opening_item,
        symbol="ESCAP/SSC/2026/1",
        title="Concept note",
        title_ar="مذكرة مفاهيمية",
        title_zh_hans="概念说明",
    )
    for language in ("ar", "zh", "fr", "ru"):
        DocumentFileFactory(document=concept_note, language=language)
    SessionFactory(
        meeting=meeting,
        title="Coffee break",
        kind=SessionKind.BREAK,
        start=meeting_time(meeting, 0, 10, 30),
        end=meeting_time(meeting, 0, 11),
    )
    SessionFactory(
        meeting=meeting,
        title="Panel: financing South-South cooperation",
        start=meeting_time(meeting, 1, 9),
        end=meeting_time(meeting, 1, 10, 30),
    )
    registration = RegistrationFactory(
        meeting=meeting,
        email="taken@example.org",
        status=RegistrationStatus.APPROVED,
        consent_public_list=True,
    )
    delegation = DelegationFactory(meeting=meeting, name="Indonesia", country="ID")
    delegate = RegistrationFactory(
        meeting=meeting,
        delegation=delegation,
        role=DelegationRole.HEAD,
        country="ID",
        status=RegistrationStatus.APPROVED,
        consent_public_list=True,
    )
    SideEventFactory(meeting=meeting, session__title="Forum of Directors-General")
    side_event = SideEventFactory(
        meeting=meeting,
        access=SideEventAccess.INVITATION,
        session__title="Dinner of heads of delegation",
        session__slug="heads-dinner",
        session__start=meeting_time(meeting, 1, 19),
        session__end=meeting_time(meeting, 1, 21),
    )
    online_participant = RegistrationFactory(
        meeting=meeting,
        attendance="online",
        status=RegistrationStatus.APPROVED,
        consent_public_list=True,
    )
    list_of_speakers = ListOfSpeakers.objects.create(
        agenda_item=opening_item, is_open=True
    )
    inscribe_speaker(
        list_of_speakers=list_of_speakers,
        delegation=delegation,
        speaker=delegate,
        level=SpeakingLevel.MINISTER,
    )
    publish_programme(meeting)
    return PublicSite(
        meeting,
        closed_meeting,
        registration,
        delegation,
        delegate,
        side_event,
        online_participant,
        list_of_speakers,
    )


def fill_registration_form(page, *, email, country="Viet Nam"):
    page.get_by_label("Honorific").select_option(label="Ms")
    page.get_by_label("Given name").fill("Thị Hương")
    page.get_by_label("Family name*", exact=True).fill("Nguyễn")
    page.get_by_label("Job title").fill("Deputy Director-General")
    page.get_by_label("Ministry, department or organisation").fill(
        "Ministry of Planning and Investment"
    )
    page.get_by_label("Participant category").select_option(label="Member State")
    page.get_by_label("Country represented").select_option(label=country)
    page.get_by_label("Gender").select_option(label="Female")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Phone*", exact=True).fill("+84 24 3823 4567")
    page.get_by_label("I have read and accept the privacy notice").check()


def submit_form(page, button):
    """Submit a form; return the HTML the server sent for the page shown next."""
    with page.expect_response(
        lambda response: (
            response.request.resource_type == "document" and response.status < 300
        )
    ) as response:
        page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    return response.value.text()


def submit_registration_form(page):
    return submit_form(page, "Register")


LAST_PAGE = "side event sign-up with errors"


LANGUAGES_CHECKED = [
    ("ar", "Arabic"),
    ("zh-hans", "Chinese"),
    ("fr", "French"),
    ("ru", "Russian"),
    ("es", "Spanish"),
]
FIRST_PAGES = [
    ("meeting_home", "meeting home"),
    ("agenda:agenda", "agenda"),
    ("delegates:register", "registration form"),
    ("agenda:documents", "documents"),
    ("participants:list", "list of participants"),
]
# Walked in Arabic and Chinese above, with the pages of their own journeys.
CHECKED_ABOVE = {
    (language, url_name)
    for language in ("ar", "zh-hans")
    for url_name in ("agenda:agenda", "delegates:register", "agenda:documents")
}


def visit_public_pages(page, site):
    """Open every public page in turn; yield (name, HTML served) while it shows."""
    meeting = site.meeting

    def served(url_name, *args):
        return page.goto(reverse(url_name, args=args)).text()

    def served_in(language, url_name, *args):
        with translation.override(language):
            return page.goto(reverse(url_name, args=args)).text()

    yield "home (list of meetings)", served("home")
    yield "meeting home", served("meeting_home", meeting.slug)
    yield "agenda", served("agenda:agenda", meeting.slug)
    yield "session page", served("agenda:session_detail", meeting.slug, "opening")
    yield "now and next", served("agenda:now", meeting.slug)
    yield "agenda items", served("agenda:items", meeting.slug)
    yield "speakers", served("agenda:speakers", meeting.slug)
    yield "speaker page", served("agenda:speaker_detail", meeting.slug, "armida")
    yield "documents", served("agenda:documents", meeting.slug)
    yield "programme changes", served("agenda:changelog", meeting.slug)

    yield "registration form", served("delegates:register", meeting.slug)
    fill_registration_form(page, email="taken@example.org", country="---------")
    yield "registration form with errors", submit_registration_form(page)
    fill_registration_form(page, email="huong@example.org")
    yield "confirmation", submit_registration_form(page)
    yield "private link", page.goto(site.registration.get_private_url()).text()
    yield (
        "private link of an online participant",
        page.goto(site.online_participant.get_private_url()).text(),
    )
    yield (
        "cancel my registration",
        served(
            "delegates:cancel", meeting.slug, make_registration_token(site.registration)
        ),
    )
    new_email_token = make_email_change_token(site.registration, "new@example.org")
    yield (
        "confirm a new email address",
        served("delegates:confirm_email", meeting.slug, new_email_token),
    )
    yield (
        "email confirmation link not valid",
        served("delegates:confirm_email", meeting.slug, "not-a-token"),
    )
    yield "privacy notice", served("delegates:privacy", meeting.slug)
    yield "resend my link", served("delegates:resend_link", meeting.slug)
    yield "link sent", served("delegates:link_sent", meeting.slug)
    yield "registration closed", served("delegates:register", site.closed_meeting.slug)
    yield "registration forms", served("delegates:registration_forms", meeting.slug)
    yield (
        "civil society form",
        served("delegates:register_form", meeting.slug, "civil-society"),
    )
    yield (
        "form not yet open",
        served("delegates:register_form", meeting.slug, "media"),
    )
    yield "page not found", page.goto("/no-such-meeting/").text()
    yield "bad request", page.goto(f"/{meeting.slug}/agenda/?day=%00").text()

    yield "delegation form", served("delegates:delegation_nominate", meeting.slug)
    yield "delegation form with errors", submit_form(page, "Register the delegation")
    yield "delegation confirmation", served("delegates:delegation_done", meeting.slug)
    token = make_delegation_token(site.delegation)
    yield (
        "delegation focal point page",
        served("delegates:delegation_manage", meeting.slug, token),
    )
    yield (
        "ask for a bilateral meeting",
        served("delegates:delegation_bilateral_request", meeting.slug, token),
    )
    yield (
        "bilateral request with errors",
        submit_form(page, "Send the request"),
    )
    yield (
        "replace a delegation member",
        served(
            "delegates:delegation_replace_member", meeting.slug, token, site.delegate.pk
        ),
    )
    yield (
        "withdraw a delegation member",
        served(
            "delegates:delegation_withdraw_member",
            meeting.slug,
            token,
            site.delegate.pk,
        ),
    )

    yield "lists of speakers", served("speakers_list:index", meeting.slug)
    yield (
        "list of speakers",
        served("speakers_list:public", meeting.slug, site.list_of_speakers.pk),
    )
    yield (
        "inscribe a speaker (head of delegation)",
        served(
            "speakers_list:inscribe",
            meeting.slug,
            make_registration_token(site.delegate),
        ),
    )
    # The head is inscribed already, and the delegation may inscribe one speaker.
    page.get_by_label("Speaker*", exact=True).select_option(index=1)
    yield "inscribe a speaker with errors", submit_form(page, "Inscribe")
    yield (
        "inscribe a speaker (focal point)",
        served("speakers_list:delegation_inscribe", meeting.slug, token),
    )
    yield (
        "inscribe a speaker refused to a delegate without the role",
        served(
            "speakers_list:inscribe",
            meeting.slug,
            make_registration_token(site.registration),
        ),
    )

    yield "agenda in Arabic", served_in("ar", "agenda:agenda", meeting.slug)
    yield (
        "registration form in Arabic",
        served_in("ar", "delegates:register", meeting.slug),
    )
    yield (
        "registration form in Chinese",
        served_in("zh-hans", "delegates:register", meeting.slug),
    )
    for language, name in (("ar", "Arabic"), ("zh-hans", "Chinese")):
        yield (
            f"documents in {name}",
            served_in(language, "agenda:documents", meeting.slug),
        )
        yield (
            f"agenda items in {name}",
            served_in(language, "agenda:items", meeting.slug),
        )
        yield (
            f"session page in {name}",
            served_in(language, "agenda:session_detail", meeting.slug, "opening"),
        )
        yield (
            f"side events in {name}",
            served_in(language, "side_events:list", meeting.slug),
        )
    yield "agenda in Chinese", served_in("zh-hans", "agenda:agenda", meeting.slug)
    # Every UN language: the pages a delegate or the public opens first.
    for language, name in LANGUAGES_CHECKED:
        for url_name, page_name in FIRST_PAGES:
            if (language, url_name) not in CHECKED_ABOVE:
                yield (
                    f"{page_name} in {name}",
                    served_in(language, url_name, meeting.slug),
                )

    yield "list of participants", served("participants:list", meeting.slug)
    yield "side events", served("side_events:list", meeting.slug)
    yield (
        "side event sign-up",
        served(
            "side_events:sign_up",
            meeting.slug,
            make_registration_token(site.registration),
            site.side_event.session.slug,
        ),
    )
    page.get_by_label("Invitation code").fill("NOT-A-CODE")
    yield LAST_PAGE, submit_form(page, "Sign up")
