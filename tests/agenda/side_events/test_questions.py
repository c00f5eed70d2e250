"""A side event's own questions, asked when a delegate signs up for it.

The same engine as the registration form's: a question is shown by its
participant categories and conditions and required only when shown; an answer
to a question not shown, or to another side event's, is dropped; a choice not
offered is a field error. Answers are written in the sign-up's locked
transaction and go with the seat.
"""

import csv
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from agenda.enums import SignUpStatus
from agenda.models import SideEvent, SideEventSignUp
from agenda.side_events.services import (
    SideEventError,
    book_side_event_seat,
    cancel_side_event_signup,
    join_side_event,
)
from delegates.enums import RegistrationStatus
from delegates.forms import RegistrationForm
from delegates.models import Answer, Registration
from delegates.questions.enums import AskedAt, QuestionKind
from delegates.questions.models import Question
from delegates.services import cancel_registration, reject_registration
from tests.agenda.side_events.test_concurrency import race
from tests.agenda.side_events.test_pages import sign_up_url
from tests.factories import (
    ChoiceFactory,
    MeetingFactory,
    QuestionFactory,
    RegistrationFactory,
    SideEventFactory,
    publish_programme,
)
from tests.kept_pages import later_than_the_recheck

pytestmark = pytest.mark.django_db


def side_event_question(side_event, **fields):
    return QuestionFactory(
        meeting=side_event.session.meeting,
        asked_at=AskedAt.SIDE_EVENT,
        side_event=side_event,
        **fields,
    )


@pytest.fixture
def forum():
    """The DG Forum: "Which session will you speak in?" (one choice, required),
    "Will you bring material?" -> "Which material?" (long text, required when
    shown), and a question only for civil society."""
    side_event = SideEventFactory(session__title="DG Forum", capacity=5)
    publish_programme(side_event.session.meeting)
    session = side_event_question(
        side_event,
        label="Which session will you speak in?",
        kind=QuestionKind.ONE_CHOICE,
        required=True,
    )
    planning = ChoiceFactory(question=session, label="Planning cooperation")
    ChoiceFactory(question=session, label="Financing cooperation")
    material = side_event_question(
        side_event, label="Will you bring material?", kind=QuestionKind.YES_NO
    )
    which = side_event_question(
        side_event,
        label="Which material?",
        kind=QuestionKind.LONG_TEXT,
        required=True,
        shown_if_question=material,
        shown_if_yes=True,
    )
    network = side_event_question(
        side_event, label="Your network", categories=["civil_society"]
    )
    return {
        "side_event": side_event,
        "session": session,
        "planning": planning,
        "material": material,
        "which": which,
        "network": network,
    }


def approved(side_event, **fields):
    return RegistrationFactory(
        meeting=side_event.session.meeting,
        status=RegistrationStatus.APPROVED,
        **fields,
    )


def stored(registration):
    return {
        answer.question.label: answer.display_value()
        for answer in Answer.objects.filter(registration=registration).select_related(
            "question"
        )
    }


def answers_post(forum, **changes):
    data = {
        forum["session"].field_name: str(forum["planning"].pk),
        forum["material"].field_name: "no",
    }
    data.update(changes)
    return data


# What the sign-up page asks


def test_the_sign_up_page_asks_the_side_event_s_questions_for_the_delegate(
    client, forum
):
    other = SideEventFactory(meeting=forum["side_event"].session.meeting)
    side_event_question(other, label="Another side event's question")
    QuestionFactory(meeting=other.session.meeting, label="A registration question")
    delegate = approved(forum["side_event"])

    page = client.get(sign_up_url(delegate, forum["side_event"])).content.decode()

    assert "Which session will you speak in?" in page
    assert "Planning cooperation" in page
    assert f'data-shown-if="{forum["material"].field_name}"' in page
    assert "delegates/questions.js" in page
    assert "Your network" not in page  # for civil society only
    assert "Another side event's question" not in page
    assert "A registration question" not in page


def test_a_civil_society_delegate_is_asked_its_own_question(client, forum):
    delegate = approved(forum["side_event"], category="civil_society")

    page = client.get(sign_up_url(delegate, forum["side_event"])).content.decode()

    assert "Your network" in page


# Answers kept, dropped and refused


def test_signing_up_books_the_seat_with_the_answers(client, forum):
    delegate = approved(forum["side_event"])

    client.post(
        sign_up_url(delegate, forum["side_event"]),
        answers_post(
            forum,
            **{
                forum["material"].field_name: "yes",
                forum["which"].field_name: "Slides on our annual report",
            },
        ),
    )

    assert delegate.side_event_signups.get().status == SignUpStatus.BOOKED
    assert stored(delegate) == {
        "Which session will you speak in?": "Planning cooperation",
        "Will you bring material?": "yes",
        "Which material?": "Slides on our annual report",
    }


def test_an_answer_to_a_question_not_shown_is_dropped(client, forum):
    delegate = approved(forum["side_event"])

    client.post(
        sign_up_url(delegate, forum["side_event"]),
        answers_post(
            forum,
            **{
                forum["which"].field_name: "Shown only after a yes",
                forum["network"].field_name: "Not asked of Member States",
            },
        ),
    )

    assert delegate.side_event_signups.exists()
    assert stored(delegate) == {
        "Which session will you speak in?": "Planning cooperation",
        "Will you bring material?": "no",
    }


def test_a_required_question_is_an_error_and_nothing_is_written(client, forum):
    delegate = approved(forum["side_event"])

    response = client.post(sign_up_url(delegate, forum["side_event"]), {})

    assert response.context["form"].errors[forum["session"].field_name] == [
        "This field is required."
    ]
    assert not SideEventSignUp.objects.exists()
    assert not Answer.objects.exists()


def test_a_question_required_when_shown_is_an_error_once_shown(client, forum):
    delegate = approved(forum["side_event"])

    response = client.post(
        sign_up_url(delegate, forum["side_event"]),
        answers_post(forum, **{forum["material"].field_name: "yes"}),
    )

    assert response.context["form"].errors[forum["which"].field_name] == [
        "Please answer this question."
    ]
    assert not SideEventSignUp.objects.exists()


def test_a_choice_not_offered_is_refused_with_a_field_error(client, forum):
    delegate = approved(forum["side_event"])
    someone_else_s = ChoiceFactory(question=QuestionFactory(kind="one_choice"))

    response = client.post(
        sign_up_url(delegate, forum["side_event"]),
        answers_post(forum, **{forum["session"].field_name: str(someone_else_s.pk)}),
    )

    assert response.context["form"].errors[forum["session"].field_name] == [
        "This choice is not offered; please choose one from the list."
    ]
    assert not SideEventSignUp.objects.exists()
    assert not Answer.objects.exists()


def test_an_answer_to_another_side_event_s_question_is_dropped(client, forum):
    other = SideEventFactory(meeting=forum["side_event"].session.meeting)
    elsewhere = side_event_question(other, label="Elsewhere")
    delegate = approved(forum["side_event"])

    client.post(
        sign_up_url(delegate, forum["side_event"]),
        answers_post(forum, **{elsewhere.field_name: "Smuggled in"}),
    )

    assert delegate.side_event_signups.get().side_event == forum["side_event"]
    assert "Elsewhere" not in stored(delegate)


def test_the_service_stores_only_the_side_event_s_own_answers(forum):
    other = SideEventFactory(meeting=forum["side_event"].session.meeting)
    elsewhere = side_event_question(other, label="Elsewhere")
    delegate = approved(forum["side_event"])

    join_side_event(
        registration=delegate,
        side_event=forum["side_event"],
        answers={forum["session"]: [forum["planning"]], elsewhere: "Smuggled in"},
    )

    assert stored(delegate) == {
        "Which session will you speak in?": "Planning cooperation"
    }


def test_an_archived_question_is_not_asked(client, forum):
    forum["session"].archived = True
    forum["session"].save()
    delegate = approved(forum["side_event"])

    client.post(sign_up_url(delegate, forum["side_event"]), {})

    assert delegate.side_event_signups.exists()
    assert stored(delegate) == {}


# The answers go with the seat


def signed_up(forum, registration=None):
    registration = registration or approved(forum["side_event"])
    book_side_event_seat(
        registration=registration,
        side_event=forum["side_event"],
        answers={forum["session"]: [forum["planning"]]},
    )
    return registration


def test_giving_up_the_seat_removes_the_answers(forum):
    delegate = signed_up(forum)
    other = signed_up(forum)

    cancel_side_event_signup(registration=delegate, side_event=forum["side_event"])

    assert stored(delegate) == {}
    assert stored(other) == {"Which session will you speak in?": "Planning cooperation"}


def test_an_organiser_removing_the_seat_removes_the_answers(forum, organiser):
    delegate = signed_up(forum)

    cancel_side_event_signup(
        registration=delegate, side_event=forum["side_event"], by=organiser
    )

    assert stored(delegate) == {}


def test_a_cancelled_registration_loses_its_seat_and_answers(forum):
    delegate = signed_up(forum)

    cancel_registration(delegate, by=None)

    assert not delegate.side_event_signups.exists()
    assert stored(delegate) == {}


def test_signing_up_again_after_giving_up_asks_again(client, forum):
    delegate = signed_up(forum)
    cancel_side_event_signup(registration=delegate, side_event=forum["side_event"])

    client.post(
        sign_up_url(delegate, forum["side_event"]),
        answers_post(forum, **{forum["material"].field_name: "no"}),
    )

    assert delegate.side_event_signups.get().status == SignUpStatus.BOOKED
    assert stored(delegate)["Will you bring material?"] == "no"


def test_a_wish_from_the_private_link_keeps_its_answers_until_withdrawn(
    client, forum, organiser
):
    delegate = RegistrationFactory(
        meeting=forum["side_event"].session.meeting,
        status=RegistrationStatus.SUBMITTED,
    )

    client.post(sign_up_url(delegate, forum["side_event"]), answers_post(forum))
    wished = stored(delegate)
    reject_registration(delegate, by=organiser)

    assert wished == {
        "Which session will you speak in?": "Planning cooperation",
        "Will you bring material?": "no",
    }
    assert not delegate.side_event_signups.exists()
    assert stored(delegate) == {}


# Where the answers are shown


def test_the_private_page_shows_the_answers_and_sends_new_sign_ups_to_the_questions(
    client, forum
):
    delegate = signed_up(forum)
    newcomer = approved(forum["side_event"])

    own_page = client.get(delegate.get_private_url()).content.decode()
    newcomer_page = client.get(newcomer.get_private_url()).content.decode()

    assert "Which session will you speak in?" in own_page
    assert "Planning cooperation" in own_page
    assert f'href="{sign_up_url(newcomer, forum["side_event"])}"' in newcomer_page
    assert "The organisers ask a few questions when you sign up." in newcomer_page


def test_the_side_event_admin_lists_its_questions_and_the_answers(
    organiser_client, forum
):
    signed_up(forum, approved(forum["side_event"], family_name="Chaiyasit"))

    page = organiser_client.get(
        reverse("admin:agenda_sideevent_change", args=[forum["side_event"].pk])
    ).content.decode()

    assert "Which session will you speak in?" in page
    assert "Planning cooperation" in page
    assert (
        reverse("admin:delegates_question_add")
        + f"?meeting={forum['side_event'].session.meeting_id}"
        + f"&amp;asked_at=side_event&amp;side_event={forum['side_event'].pk}"
    ) in page


def test_the_attendee_csv_has_each_attendee_s_answers(organiser_client, forum):
    signed_up(forum, approved(forum["side_event"], family_name="Chaiyasit"))

    response = organiser_client.get(
        reverse(
            "admin:agenda_sideevent_export", args=[forum["side_event"].pk, "attendees"]
        )
    )

    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row["family_name"] == "Chaiyasit"
    assert row["answers"] == "Which session will you speak in?: Planning cooperation"


def test_the_registration_admin_page_names_the_side_event_of_an_answer(
    organiser_client, forum
):
    delegate = signed_up(forum)

    page = organiser_client.get(
        reverse("admin:delegates_registration_change", args=[delegate.pk])
    ).content.decode()

    assert "DG Forum (side event): Which session will you speak in?" in page
    assert "Planning cooperation" in page


# The registration form's wishes


def test_the_registration_form_offers_no_wish_for_a_side_event_with_questions(forum):
    meeting = forum["side_event"].session.meeting
    SideEventFactory(meeting=meeting, session__title="Open breakfast")
    publish_programme(meeting)

    form = RegistrationForm(meeting=meeting)

    labels = [label for _pk, label in form.fields["side_events"].choices]
    assert [label.split(" – ")[0] for label in labels] == ["Open breakfast"]
    assert "Nor are side events that ask questions of their own" in str(
        form.fields["side_events"].help_text
    )


def test_the_registration_form_says_nothing_of_questions_when_none_asks_them(forum):
    meeting = forum["side_event"].session.meeting
    for question in forum["side_event"].questions.all():
        question.archived = True
        question.save()

    form = RegistrationForm(meeting=meeting)

    assert "Nor are side events" not in str(form.fields["side_events"].help_text)
    assert [
        label.split(" – ")[0] for _pk, label in form.fields["side_events"].choices
    ] == ["DG Forum"]


# The question admin


def question_add_post(asked, **changes):
    return {
        "meeting": asked.session.meeting_id,
        "position": 30,
        "label_en": "Which session will you chair?",
        "kind": QuestionKind.SHORT_TEXT,
        "asked_at": AskedAt.SIDE_EVENT,
        "side_event": asked.pk,
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
        **changes,
    }


def test_an_organiser_adds_a_side_event_s_question(organiser_client, forum):
    response = organiser_client.post(
        reverse("admin:delegates_question_add"),
        question_add_post(forum["side_event"]),
    )

    assert response.status_code == 302
    added = forum["side_event"].questions.get(position=30)
    assert (added.label, added.asked_at) == (
        "Which session will you chair?",
        AskedAt.SIDE_EVENT,
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"side_event": ""}, "Choose the side event whose sign-up asks it."),
        (
            {"asked_at": AskedAt.REGISTRATION},
            "Only a question asked at a side event's sign-up names one.",
        ),
    ],
)
def test_the_question_admin_refuses_a_side_event_out_of_place(
    organiser_client, forum, changes, error
):
    response = organiser_client.post(
        reverse("admin:delegates_question_add"),
        question_add_post(forum["side_event"], **changes),
    )

    assert response.context["adminform"].form.errors["side_event"] == [error]
    assert not forum["side_event"].questions.filter(position=30).exists()


def test_the_question_admin_refuses_another_meeting_s_side_event(
    organiser_client, forum
):
    other_meeting = MeetingFactory()

    response = organiser_client.post(
        reverse("admin:delegates_question_add"),
        question_add_post(forum["side_event"], meeting=other_meeting.pk),
    )

    assert response.context["adminform"].form.errors["side_event"] == [
        "Choose a side event of the question's meeting."
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"asked_at": AskedAt.SIDE_EVENT},
        {"asked_at": AskedAt.REGISTRATION, "with_side_event": True},
        {"asked_at": AskedAt.SIDE_EVENT, "with_side_event": True, "kind": "file"},
    ],
)
def test_the_database_refuses_a_side_event_question_out_of_place(forum, fields):
    fields = dict(fields)
    if fields.pop("with_side_event", False):
        fields["side_event"] = forum["side_event"]
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionFactory(meeting=forum["side_event"].session.meeting, **fields)


# Concurrency


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_with_answers_for_the_last_seat_leave_one_seat_and_one_set():
    side_event = SideEventFactory(capacity=1)
    question = side_event_question(side_event, label="Which session?")
    delegate = approved(side_event)

    outcomes = race(
        [
            lambda text=text: book_side_event_seat(
                registration=Registration.objects.get(pk=delegate.pk),
                side_event=SideEvent.objects.get(pk=side_event.pk),
                answers={question: text},
            )
            for text in ("First tab", "Second tab")
        ]
    )

    booked = [outcome for outcome in outcomes if isinstance(outcome, SideEventSignUp)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, SideEventError)]
    assert (len(booked), len(refused)) == (1, 1), outcomes
    assert str(refused[0]) == "You are already signed up for this side event."
    side_event.refresh_from_db()
    assert side_event.seats_taken == 1
    assert Answer.objects.filter(question=question).count() == 1
    assert stored(delegate)["Which session?"] in ("First tab", "Second tab")


def test_a_condition_on_another_side_event_s_question_is_refused(
    organiser_client, forum
):
    other = SideEventFactory(meeting=forum["side_event"].session.meeting)

    response = organiser_client.post(
        reverse("admin:delegates_question_add"),
        question_add_post(
            other,
            shown_if_question=forum["material"].pk,
            shown_if_yes="True",
        ),
    )

    assert response.context["adminform"].form.errors["shown_if_question"] == [
        "The question it depends on must be asked in the same place."
    ]


def test_the_kept_registration_form_drops_a_side_event_once_it_asks_questions(
    client,
):
    side_event = SideEventFactory(session__title="Open breakfast")
    meeting = side_event.session.meeting
    publish_programme(meeting)
    url = reverse("delegates:register", kwargs={"meeting_slug": meeting.slug})
    before = client.get(url).content.decode()

    # Through another worker: only the database tells.
    Question.objects.bulk_create(
        [
            Question(
                meeting=meeting,
                position=9,
                label="Which table?",
                asked_at=AskedAt.SIDE_EVENT,
                side_event=side_event,
            )
        ]
    )
    with later_than_the_recheck():
        after = client.get(url).content.decode()

    assert "Open breakfast" in before
    assert "Open breakfast" not in after
