"""PDF documents: a delegate's own badge and visa letter, the list of participants."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from consultation.pdf import pdf_response
from consultation.selectors import published_meeting
from consultation.uploads import private_upload_response

from ..questions.models import Answer
from ..selectors import get_registration_from_token
from ..services import RegistrationError
from .badges import render_badges
from .visa_letters import render_visa_letters, visa_letter_problem


def own_badge(request, meeting_slug, token):
    """The delegate's own badge (A6) from their private link, once approved."""
    meeting = published_meeting(request, meeting_slug)
    registration = get_registration_from_token(meeting, token)
    if not registration.gets_badge:
        if registration.is_online:
            message = _(
                "You take part online, so there is no badge: your private page "
                "shows how to join the sessions."
            )
        else:
            message = _("Your badge is available once your registration is approved.")
        return render(
            request,
            "delegates/badges/not_available.html",
            {"meeting": meeting, "registration": registration, "message": message},
            status=403,
        )
    return pdf_response(render_badges([registration], layout="a6"), "badge.pdf")


def own_photo(request, meeting_slug, token):
    """The delegate's own badge photo, from their private link."""
    meeting = published_meeting(request, meeting_slug)
    registration = get_registration_from_token(meeting, token)
    if not registration.photo:
        raise Http404(_("No photo."))
    return private_upload_response(registration.photo)


def own_answer_file(request, meeting_slug, token, question_id):
    """The file the delegate sent as an answer to a question, from their link."""
    meeting = published_meeting(request, meeting_slug)
    registration = get_registration_from_token(meeting, token)
    answer = (
        Answer.objects.filter(registration=registration, question=question_id)
        .exclude(file="")
        .first()
    )
    if answer is None:
        raise Http404(_("No file."))
    return private_upload_response(answer.file)


def own_visa_letter(request, meeting_slug, token):
    """The delegate's own visa support letter, when they asked for one."""
    meeting = published_meeting(request, meeting_slug)
    registration = get_registration_from_token(meeting, token)
    try:
        content = render_visa_letters([registration])
    except RegistrationError:
        return render(
            request,
            "delegates/badges/not_available.html",
            {
                "meeting": meeting,
                "registration": registration,
                "message": visa_letter_problem(registration),
            },
            status=409,
        )
    return pdf_response(content, "visa-support-letter.pdf")
