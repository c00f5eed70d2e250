"""The questions' and forms' texts in every language the meeting uses
(django-modeltranslation), each falling back to the meeting's main language.

The fall-back reads the meeting only from relations already loaded (the form
gives its questions their meeting, and prefetched choices their question), so
that it never costs a query; a row read alone falls back to English, then to
any language that has the text (consultation.content_languages).
"""

from modeltranslation.translator import TranslationOptions, translator

from consultation.content_languages import use_meeting_fallback

from .models import Choice, MeetingForm, Question


def _loaded_meeting(row):
    return row.meeting if type(row).meeting.is_cached(row) else None


def _question_meeting(choice):
    if not Choice.question.is_cached(choice):
        return None
    return _loaded_meeting(choice.question)


class RequiredNowhere(TranslationOptions):
    # Which language must be given is the meeting's choice, not the site's.
    required_languages = ()


TEXTS = [
    (Question, ("label", "help_text", "section"), _loaded_meeting),
    (Choice, ("label",), _question_meeting),
    (MeetingForm, ("name", "description"), _loaded_meeting),
]

for model, fields, meeting_of in TEXTS:
    translator.register(
        model, type(f"{model.__name__}Texts", (RequiredNowhere,), {"fields": fields})
    )
    use_meeting_fallback(model, fields, meeting_of=meeting_of)
    # The audit trail keeps the wording in every language a delegate may have
    # read it in (the history row is written from every column of the row).
    history = getattr(model, "history", None)
    if history is not None:
        translator.register(
            history.model,
            type(
                f"Historical{model.__name__}Texts",
                (RequiredNowhere,),
                {"fields": fields},
            ),
        )
