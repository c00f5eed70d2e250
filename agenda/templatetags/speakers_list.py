"""Template tags for the lists of speakers on the delegates' private pages."""

from django import template
from django.urls import reverse

from delegates.tokens import make_delegation_token, make_registration_token

from ..speakers_list.selectors import delegation_inscriptions, open_lists
from ..speakers_list.services import may_inscribe

register = template.Library()


@register.inclusion_tag("agenda/speakers_list/_manage_section.html")
def speakers_list_section(*, registration=None, delegation=None):
    """The private page's section on lists of speakers, for those who inscribe.

    A delegate sees it when they may inscribe for their delegation; the focal
    point's page always, once the meeting has a list open or a speaker inscribed.
    """
    if registration is not None:
        if not may_inscribe(registration):
            return {"shown": False}
        delegation = registration.delegation
        url = reverse(
            "speakers_list:inscribe",
            args=[registration.meeting.slug, make_registration_token(registration)],
        )
    else:
        url = reverse(
            "speakers_list:delegation_inscribe",
            args=[delegation.meeting.slug, make_delegation_token(delegation)],
        )
    inscriptions = delegation_inscriptions(delegation)
    lists = list(open_lists(delegation.meeting))
    return {
        "shown": bool(inscriptions or lists),
        "inscriptions": inscriptions,
        "open_lists": lists,
        "url": url,
    }
