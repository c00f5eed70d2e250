"""The demo meeting's registration forms and questions, one of them conditional."""

from delegates.enums import ParticipantCategory
from delegates.models import Choice, MeetingForm, Question
from delegates.questions.enums import Approval, QuestionKind

from .common import update_if_changed

BREAKOUT_GROUPS = ["Trade and investment", "Digital cooperation", "Climate resilience"]


def load_questions(meeting) -> list[Question]:
    """The demo's questions in form order; found again by meeting and label.

    "Dietary needs for the field visit lunch" is asked only of those who answer
    yes to the field visit; interpretation only of government delegates.
    """
    field_visit, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Will you join the field visit on day 3?",
        defaults={
            "position": 1,
            "section": "Field visit",
            "kind": QuestionKind.YES_NO,
            "required": True,
            "help_text": "A visit to a South-South cooperation project near Bangkok.",
        },
    )
    lunch, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Dietary needs for the field visit lunch",
        defaults={
            "position": 2,
            "section": "Field visit",
            "kind": QuestionKind.SHORT_TEXT,
            "shown_if_question": field_visit,
            "shown_if_yes": True,
        },
    )
    breakout, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Which breakout group would you join?",
        defaults={
            "position": 3,
            "section": "Breakout groups",
            "kind": QuestionKind.ONE_CHOICE,
        },
    )
    for position, label in enumerate(BREAKOUT_GROUPS):
        update_if_changed(
            Choice, question=breakout, label=label, defaults={"position": position}
        )
    interpretation, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Do you need interpretation into Russian?",
        defaults={
            "position": 4,
            "section": "Interpretation",
            "kind": QuestionKind.YES_NO,
            "categories": [
                ParticipantCategory.MEMBER_STATE.value,
                ParticipantCategory.ASSOCIATE_MEMBER.value,
            ],
        },
    )
    return [field_visit, lunch, breakout, interpretation]


def load_forms(meeting) -> list[MeetingForm]:
    """Two forms: the default one for every delegate, and one for civil society.

    The civil society form takes at most 60 registrations, vetted by the
    secretariat, and asks for the organisation's network besides the meeting's
    questions.
    """
    delegates, _ = update_if_changed(
        MeetingForm,
        meeting=meeting,
        slug="delegates",
        defaults={
            "name": "Government delegations and organisations",
            "description": (
                "For Member States, associate members, the UN system and other "
                "organisations invited to the consultation."
            ),
            "position": 1,
            "is_default": True,
        },
    )
    civil_society, _ = update_if_changed(
        MeetingForm,
        meeting=meeting,
        slug="civil-society",
        defaults={
            "name": "Civil society",
            "description": (
                "For non-governmental organisations: 60 places, each registration "
                "checked by the secretariat."
            ),
            "position": 2,
            "capacity": 60,
            "categories": [ParticipantCategory.CIVIL_SOCIETY.value],
            "approval": Approval.VETTED,
        },
    )
    network, _ = update_if_changed(
        Question,
        meeting=meeting,
        label="Which network or constituency do you belong to?",
        defaults={
            "position": 5,
            "section": "Your organisation",
            "kind": QuestionKind.SHORT_TEXT,
            "help_text": "E.g. the Asia Pacific Regional CSO Engagement Mechanism.",
        },
    )
    network.forms.set([civil_society])
    return [delegates, civil_society]
