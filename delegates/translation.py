"""Texts organisers write for delegates, in every language (django-modeltranslation).

modeltranslation reads this module; the questions room registers its own models
in its translation.py, imported here.
"""

from modeltranslation.translator import TranslationOptions, register

from consultation.content_languages import use_meeting_fallback

from .models import Announcement
from .questions import translation  # noqa: F401

ANNOUNCEMENT_TEXTS = ("subject", "body")


@register(Announcement)
class AnnouncementTranslationOptions(TranslationOptions):
    fields = ANNOUNCEMENT_TEXTS
    # The meeting's main language is required (AnnouncementForm), whichever it is.
    required_languages = ()


use_meeting_fallback(
    Announcement,
    ANNOUNCEMENT_TEXTS,
    meeting_of=lambda announcement: announcement.meeting,
)
