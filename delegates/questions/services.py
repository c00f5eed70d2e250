"""Writes of registration answers, always inside the registration's transaction.

The form (forms.py) has already decided which questions were shown; these
functions store what it kept. A question not shown has no answer row.
"""

import dataclasses
from decimal import Decimal

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from .enums import CHOICE_KINDS, TEXT_KINDS, QuestionKind
from .models import Answer, AnswerChoice
from .selectors import answers_of


def write_answers(*, registration, answers) -> list[Answer]:
    """Store the answers of a new registration (``{question: value}``, None: none).

    Returns the rows written, whose files the caller deletes if its transaction
    rolls back (``discard_answer_files``).
    Side effects: writes Answer rows (storing their files) and their chosen
    choices, in two queries.
    """
    given = {
        question: value
        for question, value in answers.items()
        if not _empty(question, value)
    }
    rows = Answer.objects.bulk_create(
        Answer(
            registration=registration, question=question, **_columns(question, value)
        )
        for question, value in given.items()
    )
    AnswerChoice.objects.bulk_create(
        AnswerChoice(answer=row, choice=choice)
        for row, value in zip(rows, given.values(), strict=True)
        if row.question.kind in CHOICE_KINDS
        for choice in value
    )
    return rows


def delete_side_event_answers(*, registration, side_events) -> int:
    """Delete the registration's answers to these side events' questions.

    Called in the transaction that gives up the sign-up (the side event's lock
    held). Side effects: deletes Answer rows and their chosen choices. Returns
    how many answers go.
    """
    _deleted, by_model = Answer.objects.filter(
        registration=registration, question__side_event__in=side_events
    ).delete()
    return by_model.get(Answer._meta.label, 0)


def discard_answer_files(rows) -> None:
    """Delete the files stored for answer rows that were never written."""
    for row in rows:
        if row.file:
            row.file.storage.delete(row.file.name)


def delete_answer_files(registration) -> int:
    """Delete the files of a registration's answers, emptying their column.

    Side effects: updates the Answer rows; the files are deleted once the
    transaction commits. Returns how many files go.
    """
    answers = list(Answer.objects.filter(registration=registration).exclude(file=""))
    for answer in answers:
        stored = answer.file
        transaction.on_commit(
            lambda storage=stored.storage, name=stored.name: storage.delete(name)
        )
    Answer.objects.filter(pk__in=[answer.pk for answer in answers]).update(file="")
    return len(answers)


@dataclasses.dataclass
class AnswerUpdate:
    """What a correction changes in a registration's answers, before it is saved."""

    registration: object
    changes: dict
    reopens_review: bool
    writes: dict
    on_file: dict

    def apply(self) -> None:
        """Write the changed answers; delete those now empty or no longer shown.

        Side effects: updates, creates or deletes Answer rows and their chosen
        choices; a replaced or removed file is deleted once the transaction
        commits.
        """
        for question, value in self.writes.items():
            answer = self.on_file.get(question.pk)
            if answer is not None and answer.file:
                old_file = answer.file
                if not isinstance(value, FieldFile) or value.name != old_file.name:
                    transaction.on_commit(
                        lambda stored=old_file: stored.storage.delete(stored.name)
                    )
            if _empty(question, value):
                if answer is not None:
                    answer.delete()
                continue
            columns = _columns(question, value)
            if answer is None:
                answer = Answer.objects.create(
                    registration=self.registration, question=question, **columns
                )
            else:
                for name, column_value in columns.items():
                    setattr(answer, name, column_value)
                answer.save()
            if question.kind in CHOICE_KINDS:
                answer.choices.set(value)


def plan_answer_update(registration, *, answers) -> AnswerUpdate:
    """Compare the submitted answers with those on file, for a correction.

    ``changes`` is keyed ``answer_<question id>`` with label, old and new value
    as a Correction records them; files are only marked as changed.
    """
    on_file = answers_of(registration)
    changes, writes, reopens = {}, {}, False
    for question, value in answers.items():
        answer = on_file.get(question.pk)
        old = _stored_comparable(question, answer)
        new = _comparable(question, value)
        if old == new:
            continue
        writes[question] = value
        reopens = reopens or question.identity
        if question.kind == QuestionKind.FILE:
            before, after = (_("(set)") if old else "—"), _("(changed)")
        else:
            before = answer.display_value() if answer is not None else "—"
            after = _printable(question, value)
        changes[f"answer_{question.pk}"] = {
            "label": question.label,
            "old": before or "—",
            "new": after or "—",
        }
    return AnswerUpdate(
        registration=registration,
        changes=changes,
        reopens_review=reopens,
        writes=writes,
        on_file=on_file,
    )


def _empty(question, value) -> bool:
    if question.kind == QuestionKind.YES_NO:
        return value is None
    return value is None or value is False or value in ("", [])


def _columns(question, value) -> dict:
    kind = question.kind
    if kind in TEXT_KINDS:
        return {"text": str(value)}
    if kind == QuestionKind.NUMBER:
        return {"number": value}
    if kind == QuestionKind.YES_NO:
        return {"yes_no": value}
    if kind == QuestionKind.DATE:
        return {"date": value}
    if kind == QuestionKind.FILE:
        return {"file": value}
    return {}


def _comparable(question, value):
    if _empty(question, value):
        return None
    kind = question.kind
    if kind in CHOICE_KINDS:
        return sorted(choice.pk for choice in value)
    if kind == QuestionKind.FILE:
        # The file on file, unchanged, or a new upload (never equal to it).
        return value.name if isinstance(value, FieldFile) else object()
    if kind == QuestionKind.NUMBER:
        return Decimal(value).normalize()
    if kind in TEXT_KINDS:
        return str(value)
    return value


def _stored_comparable(question, answer):
    if answer is None:
        return None
    kind = question.kind
    if kind in CHOICE_KINDS:
        return sorted(choice.pk for choice in answer.choices.all()) or None
    if kind == QuestionKind.FILE:
        return answer.file.name or None
    if kind == QuestionKind.NUMBER:
        return None if answer.number is None else answer.number.normalize()
    if kind == QuestionKind.YES_NO:
        return answer.yes_no
    if kind == QuestionKind.DATE:
        return answer.date
    return answer.text or None


def _printable(question, value) -> str:
    if _empty(question, value):
        return "—"
    kind = question.kind
    if kind in CHOICE_KINDS:
        return ", ".join(choice.label for choice in value)
    if kind == QuestionKind.YES_NO:
        return _("yes") if value else _("no")
    if kind == QuestionKind.NUMBER:
        return f"{Decimal(value).normalize():f}"
    if kind == QuestionKind.DATE:
        return value.isoformat()
    if kind == QuestionKind.COUNTRY:
        return Answer(question=question, text=value).display_value()
    return str(value)
