"""PDF documents: a delegate's own badge and letter, the list of participants."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from consultation.models import Meeting
from consultation.pdf import pdf_response

from .badges import render_badges
from .enums import RegistrationStatus
from .views import get_registration_from_token


def own_badge(request, meeting_slug, token):
    """The delegate's own badge (A6) from their private link, once approved."""
    meeting = get_object_or_404(Meeting.objects.published(), slug=meeting_slug)
    registration = get_registration_from_token(meeting, token)
    if registration.status != RegistrationStatus.APPROVED:
        return render(
            request,
            "delegates/badges/not_available.html",
            {
                "meeting": meeting,
                "registration": registration,
                "message": _(
                    "Your badge is available once your registration is approved."
                ),
            },
            status=403,
        )
    return pdf_response(render_badges([registration], layout="a6"), "badge.pdf")
