"""The meeting's texts in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .content_languages import use_meeting_fallback
from .models import Meeting

MEETING_TEXTS = (
    "title",
    "description",
    "venue",
    "organisers",
    "visa_letter_signatory_title",
)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = MEETING_TEXTS
    # The main language's title is required (Meeting.clean), whichever it is.
    required_languages = ()


use_meeting_fallback(Meeting, MEETING_TEXTS, meeting_of=lambda meeting: meeting)
