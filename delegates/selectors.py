"""Reads that need care: the registration a private link opens, and the live
states that the kept public forms name (consultation/page_cache)."""

from django.http import Http404
from django.utils.translation import gettext as _

from agenda.side_events.selectors import side_events_open_to_wishes_state

from .models import Registration
from .questions.selectors import forms_state, questions_state
from .tokens import access_key_from_token


def registration_from_token(meeting, token):
    """The registration a private link opens, or None for a forged or foreign link."""
    access_key = access_key_from_token(token)
    if access_key is None:
        return None
    return (
        Registration.objects.select_related("meeting")
        .filter(meeting=meeting, access_key=access_key)
        .first()
    )


def get_registration_from_token(meeting, token):
    """The registration a private link opens, or 404 for a forged or foreign link."""
    registration = registration_from_token(meeting, token)
    if registration is None:
        raise Http404(_("This link is not valid."))
    return registration


def registration_state(meeting) -> str:
    """Whether registration is open: what the delegation form shows beyond the
    meeting."""
    return meeting.registration_state()


def registration_form_state(meeting) -> str:
    """Name what the empty forms show beyond the meeting: whether they are open
    (and full), the side events open to wishes and the registration questions."""
    return "|".join(
        [
            meeting.registration_state(),
            side_events_open_to_wishes_state(meeting),
            questions_state(meeting),
            forms_state(meeting),
        ]
    )
