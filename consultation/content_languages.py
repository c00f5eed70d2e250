"""Text organisers write, in every language, falling back to the meeting's own.

Titles, descriptions and the like are stored one column per language by
django-modeltranslation (``title_en``, ``title_fr``, ``title_zh_hans``...; each
app registers its fields in its ``translation.py``). Reading ``session.title``
gives the text in the active language; where the organisers left that language
empty, the meeting's main language (``Meeting.main_language``), then English,
then any language that has the text. modeltranslation's own fall-back is one
list for the whole site; ``use_meeting_fallback`` gives each meeting its own.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, fallbacks_enabled

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def language_order(requested, main_language=None) -> list[str]:
    """The languages to try for a text in ``requested``: it, the main, the rest."""
    order = [requested, main_language, settings.LANGUAGE_CODE, *LANGUAGE_CODES]
    return list(dict.fromkeys(code for code in order if code in LANGUAGE_CODES))


def active_language() -> str:
    """The active language as one of LANGUAGES (``zh-hans``, not ``zh-Hans``)."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def pick(texts: dict, *, language=None, main_language=None) -> str:
    """The text of ``{language: text}`` in ``language``, else by ``language_order``."""
    for code in language_order(language or active_language(), main_language):
        if texts.get(code):
            return texts[code]
    return ""


def translations_of(instance, field_name) -> dict:
    """Every language's text of a translated field: ``{"en": ..., "fr": ...}``."""
    return {
        code: getattr(instance, build_localized_fieldname(field_name, code)) or ""
        for code in LANGUAGE_CODES
    }


def texts_of(instance, field_name) -> dict:
    """The languages a translated field is written in: ``{"en": ..., "fr": ...}``."""
    return {
        code: text
        for code, text in translations_of(instance, field_name).items()
        if text
    }


def columns(field_name, texts: dict) -> dict:
    """Keyword arguments that give an unsaved row the texts of ``{language: text}``."""
    return {
        build_localized_fieldname(field_name, code): texts.get(code) or None
        for code in LANGUAGE_CODES
    }


def main_language_errors(instance, field_name, meeting) -> dict:
    """A form error when ``field_name`` is empty in the meeting's main language."""
    column = build_localized_fieldname(field_name, meeting.main_language)
    if getattr(instance, column, None):
        return {}
    return {column: _("Write this in the meeting's main language.")}


class Texts(dict):
    """``{language: text}`` that prints in the active language, else the main one.

    A snapshot keeps each session's texts in every language; a page, feed or
    email shows them in its own when it renders.
    """

    def __init__(self, texts=(), *, main_language=None):
        super().__init__(texts)
        self.main_language = main_language

    def __str__(self):
        return pick(self, main_language=self.main_language)


class MeetingFallbackDescriptor(TranslationFieldDescriptor):
    """A translated field that falls back to its meeting's main language."""

    def __init__(self, descriptor, *, meeting_of):
        super().__init__(
            descriptor.field,
            fallback_languages=descriptor.fallback_languages,
            fallback_value=descriptor.fallback_value,
            fallback_undefined=descriptor.fallback_undefined,
        )
        self.meeting_of = meeting_of

    def __get__(self, instance, owner):
        if instance is None:
            return self
        requested = active_language()
        if not fallbacks_enabled():
            return self._text(instance, requested)
        # modeltranslation's values() rows are plain objects without relations.
        is_row = isinstance(instance, self.field.model)
        meeting = self.meeting_of(instance) if is_row else None
        main_language = meeting.main_language if meeting is not None else None
        for code in language_order(requested, main_language):
            text = self._text(instance, code)
            if text:
                return text
        return self.field.get_default()

    def _text(self, instance, code):
        # A values() row holds only the columns modeltranslation's fall-back reads.
        return getattr(instance, build_localized_fieldname(self.field.name, code), None)


def use_meeting_fallback(model, fields, *, meeting_of):
    """Make the translated ``fields`` of ``model`` fall back per meeting.

    ``meeting_of(instance)`` returns the instance's meeting (or None); read it
    from a relation the page has loaded, or it costs a query.
    """
    for name in fields:
        descriptor = model.__dict__[name]
        setattr(
            model, name, MeetingFallbackDescriptor(descriptor, meeting_of=meeting_of)
        )
