"""Reads that need care: the registration or delegation a private link opens, and
the live states that the kept public forms name (consultation/page_cache)."""

from django.http import Http404
from django.utils.translation import gettext as _

from agenda.side_events.selectors import side_events_open_to_wishes_state
from consultation.selectors import published_meeting

from .models import Delegation, Registration
from .questions.selectors import forms_state, questions_state
from .tokens import access_key_from_token, delegation_access_key_from_token


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


def get_delegation_from_token(meeting, token):
    """The delegation a focal point's link opens; 404 for a forged or foreign link."""
    access_key = delegation_access_key_from_token(token)
    if access_key is None:
        raise Http404(_("This link is not valid."))
    delegation = Delegation.objects.filter(
        meeting=meeting, access_key=access_key
    ).first()
    if delegation is None:
        raise Http404(_("This link is not valid."))
    delegation.meeting = meeting
    return delegation


def delegation_from_link(request, meeting_slug, token) -> Delegation:
    """The delegation of a focal point's link to a published meeting (or 404)."""
    return get_delegation_from_token(published_meeting(request, meeting_slug), token)


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
