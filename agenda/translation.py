"""The programme's texts in every language (django-modeltranslation).

Each falls back to its meeting's main language (consultation.content_languages):
pages give the rows their meeting, so the fall-back costs no query.
"""

from modeltranslation.translator import TranslationOptions, translator

from consultation.content_languages import use_meeting_fallback

from .models import AgendaItem, Document, Room, Session, SideEvent, Track


def _meeting(instance):
    return instance.meeting if instance.meeting_id else None


def _session_meeting(side_event):
    return side_event.session.meeting if side_event.session_id else None


class RequiredNowhere(TranslationOptions):
    # Which language must be given is the meeting's choice, not the site's.
    required_languages = ()


TEXTS = [
    (Room, ("name", "location_notes"), _meeting),
    (Track, ("name", "description"), _meeting),
    (Session, ("title", "description"), _meeting),
    (AgendaItem, ("title", "description"), _meeting),
    (Document, ("title",), _meeting),
    (SideEvent, ("organiser", "description"), _session_meeting),
]

for model, fields, meeting_of in TEXTS:
    translator.register(
        model, type(f"{model.__name__}Texts", (RequiredNowhere,), {"fields": fields})
    )
    use_meeting_fallback(model, fields, meeting_of=meeting_of)
