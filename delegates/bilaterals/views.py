"""A focal point asks for a bilateral meeting, or accepts a proposed slot."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultation.security import rate_limit
from consultation.selectors import published_meeting

from ..selectors import delegation_from_link, registration_from_token
from .forms import BilateralRequestForm
from .models import BilateralRequest
from .selectors import may_request_bilaterals
from .services import BilateralError, accept_proposal, request_bilateral


@rate_limit("registration")
def request_meeting(request, meeting_slug, token):
    """The request form, from the focal point's page."""
    delegation = delegation_from_link(request, meeting_slug, token)
    return _request_page(request, delegation, back_url=delegation.get_manage_url())


@rate_limit("registration")
def head_request_meeting(request, meeting_slug, token):
    """The request form, from the private page of the head of delegation."""
    meeting = published_meeting(request, meeting_slug)
    registration = registration_from_token(meeting, token)
    if registration is None or not may_request_bilaterals(registration):
        raise Http404(_("Only the head of an approved delegation asks from here."))
    return _request_page(
        request, registration.delegation, back_url=registration.get_private_url()
    )


def _request_page(request, delegation, *, back_url):
    """A delegation to meet, a day, a time and a length; the secretariat decides."""
    form = BilateralRequestForm(request.POST or None, delegation=delegation)
    if request.method == "POST" and form.is_valid():
        try:
            request_bilateral(
                requested_by=delegation,
                counterpart=form.cleaned_data["counterpart"],
                start=form.start(),
                minutes=form.cleaned_data["minutes"],
                note=form.cleaned_data["note"],
            )
        except BilateralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your request is sent: the secretariat confirms the room and time."),
            )
            return redirect(back_url + "#bilaterals")
    return render(
        request,
        "delegates/bilaterals/request.html",
        {
            "meeting": delegation.meeting,
            "delegation": delegation,
            "form": form,
            "back_url": back_url,
        },
    )


@require_POST
def accept(request, meeting_slug, token, bilateral_id):
    """The requesting delegation takes the slot the secretariat proposed."""
    delegation = delegation_from_link(request, meeting_slug, token)
    return _accept(
        request, delegation, bilateral_id, back_url=delegation.get_manage_url()
    )


@require_POST
def head_accept(request, meeting_slug, token, bilateral_id):
    """The same, from the private page of the head of delegation."""
    meeting = published_meeting(request, meeting_slug)
    registration = registration_from_token(meeting, token)
    if registration is None or not may_request_bilaterals(registration):
        raise Http404(_("Only the head of an approved delegation asks from here."))
    return _accept(
        request,
        registration.delegation,
        bilateral_id,
        back_url=registration.get_private_url(),
    )


def _accept(request, delegation, bilateral_id, *, back_url):
    bilateral = get_object_or_404(
        BilateralRequest, pk=bilateral_id, requested_by=delegation
    )
    try:
        accept_proposal(bilateral)
    except BilateralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The bilateral meeting is confirmed."))
    return redirect(back_url + "#bilaterals")
