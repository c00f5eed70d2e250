"""An organiser adds a conditional question; a delegate answers it in the browser;
a delegate answers a side event's questions as they sign up for it."""

import pytest
from django.urls import reverse

from agenda.enums import SignUpStatus
from delegates.enums import RegistrationStatus
from delegates.models import Answer, Registration
from delegates.questions.enums import AskedAt, QuestionKind
from tests.factories import (
    ChoiceFactory,
    MeetingFactory,
    QuestionFactory,
    RegistrationFactory,
    SideEventFactory,
    UserFactory,
    publish_programme,
)
from tests.staff_sign_in import sign_in_in_the_browser

from .checkers import blocking, run_axe, run_vnu

pytestmark = pytest.mark.django_db(transaction=True)


def test_organiser_adds_a_conditional_question_and_a_delegate_answers_it(page):
    meeting = MeetingFactory()
    visit = QuestionFactory(
        meeting=meeting,
        position=1,
        section="Field visit",
        label="Will you join the field visit on day 3?",
        kind=QuestionKind.YES_NO,
    )
    secretariat = UserFactory(username="secretariat", is_staff=True, is_superuser=True)

    sign_in_in_the_browser(page, secretariat)
    page.goto(f"/admin/delegates/question/add/?meeting={meeting.pk}")
    page.locator("#id_position").fill("2")
    page.locator("#id_section_en").fill("Field visit")
    page.locator("#id_label_en").fill("Dietary needs for the field visit lunch")
    page.locator("#id_required").check()
    page.locator("#id_shown_if_question").select_option(
        label="Will you join the field visit on day 3?"
    )
    page.locator("#id_shown_if_yes").select_option(label="Yes")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was added successfully").wait_for()
    page.context.clear_cookies()

    page.goto(f"/{meeting.slug}/register/")
    diet = page.get_by_label("Dietary needs for the field visit lunch")
    assert not diet.is_visible()
    answer = page.locator(f"[name={visit.field_name}]")
    answer.and_(page.locator("[value=yes]")).check()
    diet.wait_for(state="visible")
    answer.and_(page.locator("[value=no]")).check()
    diet.wait_for(state="hidden")
    answer.and_(page.locator("[value=yes]")).check()
    diet.fill("No nuts, please")
    fill_the_rest_of_the_form(page)
    page.get_by_role("button", name="Register").click()

    page.get_by_role("heading", name="your registration has been received").wait_for()
    registration = Registration.objects.get()
    assert {
        answer.question.label: answer.display_value()
        for answer in Answer.objects.filter(registration=registration)
    } == {
        "Will you join the field visit on day 3?": "yes",
        "Dietary needs for the field visit lunch": "No nuts, please",
    }


def fill_the_rest_of_the_form(page):
    page.get_by_label("Honorific").select_option(label="Ms")
    page.get_by_label("Given name").fill("Aigerim")
    page.get_by_label("Family name*", exact=True).fill("Bekova")
    page.get_by_label("Gender").select_option(label="Female")
    page.get_by_label("Job title").fill("Adviser")
    page.get_by_label("Ministry, department or organisation").fill(
        "Ministry of Foreign Affairs"
    )
    page.get_by_label("Participant category").select_option(label="Member State")
    page.get_by_label("Country represented").select_option(label="Kazakhstan")
    page.get_by_label("Email").fill("aigerim@example.org")
    page.get_by_label("Phone*", exact=True).fill("+7 7172 123456")
    page.get_by_label("I have read and accept the privacy notice").check()


def test_delegate_signs_up_for_a_side_event_answering_its_questions(
    page, axe_source, vnu_command
):
    meeting = MeetingFactory()
    forum = SideEventFactory(meeting=meeting, session__title="DG Forum", capacity=5)
    speaking = QuestionFactory(
        meeting=meeting,
        asked_at=AskedAt.SIDE_EVENT,
        side_event=forum,
        section="DG Forum",
        label="Which session will you speak in?",
        kind=QuestionKind.ONE_CHOICE,
        required=True,
    )
    ChoiceFactory(question=speaking, label="Planning cooperation")
    ChoiceFactory(question=speaking, label="Financing cooperation")
    material = QuestionFactory(
        meeting=meeting,
        asked_at=AskedAt.SIDE_EVENT,
        side_event=forum,
        section="DG Forum",
        label="Will you bring material?",
        kind=QuestionKind.YES_NO,
    )
    QuestionFactory(
        meeting=meeting,
        asked_at=AskedAt.SIDE_EVENT,
        side_event=forum,
        section="DG Forum",
        label="Which material?",
        kind=QuestionKind.LONG_TEXT,
        shown_if_question=material,
        shown_if_yes=True,
    )
    delegate = RegistrationFactory(meeting=meeting, status=RegistrationStatus.APPROVED)
    publish_programme(meeting)

    page.goto(delegate.get_private_url())
    page.get_by_role("article", name="DG Forum").get_by_role(
        "link", name="Sign up"
    ).click()
    page.get_by_role("heading", name="Sign up: DG Forum").wait_for()
    which = page.get_by_label("Which material?")
    assert not which.is_visible()
    page.get_by_role("button", name="Sign up").click()
    page.get_by_text("This field is required.").wait_for()
    sign_up_page = page.content()
    assert blocking(run_axe(page, axe_source)) == []

    page.get_by_label("Financing cooperation").check()
    page.locator(f"[name={material.field_name}][value=yes]").check()
    which.fill("Our annual report")
    page.get_by_role("button", name="Sign up").click()

    page.get_by_text("Your seat at “DG Forum” is booked.").wait_for()
    forum_card = page.get_by_role("article", name="DG Forum")
    forum_card.get_by_text("Financing cooperation").wait_for()
    assert blocking(run_axe(page, axe_source)) == []
    assert (
        run_vnu(vnu_command, {"sign-up": sign_up_page, "private page": page.content()})
        == {}
    )
    assert delegate.side_event_signups.get().status == SignUpStatus.BOOKED
    assert {
        answer.question.label: answer.display_value()
        for answer in Answer.objects.filter(registration=delegate)
    } == {
        "Which session will you speak in?": "Financing cooperation",
        "Will you bring material?": "yes",
        "Which material?": "Our annual report",
    }


def test_each_member_row_shows_the_questions_for_the_delegation_s_category(page):
    meeting = MeetingFactory()
    speaks = QuestionFactory(
        meeting=meeting,
        asked_at=AskedAt.DELEGATION_MEMBER,
        label="Will you speak in the general debate?",
        kind=QuestionKind.YES_NO,
        categories=["member_state"],
    )
    QuestionFactory(
        meeting=meeting,
        asked_at=AskedAt.DELEGATION_MEMBER,
        label="On which agenda item?",
        shown_if_question=speaks,
        shown_if_yes=True,
    )
    QuestionFactory(
        meeting=meeting,
        asked_at=AskedAt.DELEGATION_MEMBER,
        label="ECOSOC accreditation number",
        categories=["civil_society"],
    )

    page.goto(
        reverse("delegates:delegation_nominate", kwargs={"meeting_slug": meeting.slug})
    )
    first, second = (
        page.get_by_role("group", name=f"Member {number}") for number in (1, 2)
    )
    category = page.get_by_label("Participant category")
    category.select_option(label="Member State")
    speaking = first.get_by_role("group", name="Will you speak in the general debate?")
    speaking.wait_for()
    assert not first.get_by_label("ECOSOC accreditation number").is_visible()
    speaking.get_by_label("Yes").check()
    first.get_by_label("On which agenda item?").wait_for()
    assert not second.get_by_label("On which agenda item?").is_visible()

    category.select_option(label="Civil society")
    first.get_by_label("ECOSOC accreditation number").wait_for()
    first.get_by_label("On which agenda item?").wait_for(state="hidden")
    assert not speaking.is_visible()
