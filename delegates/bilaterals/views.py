"""A focal point asks for a bilateral meeting, or accepts a proposed slot."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultation.security import rate_limit

from ..selectors import delegation_from_link
from .forms import BilateralRequestForm
from .models import BilateralRequest
from .services import BilateralError, accept_proposal, request_bilateral


@rate_limit("registration")
def request_meeting(request, meeting_slug, token):
    """The request form: a delegation to meet, a day, a time and a length."""
    delegation = delegation_from_link(request, meeting_slug, token)
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
            return redirect(delegation.get_manage_url() + "#bilaterals")
    return render(
        request,
        "delegates/bilaterals/request.html",
        {
            "meeting": delegation.meeting,
            "delegation": delegation,
            "form": form,
            "token": token,
        },
    )


@require_POST
def accept(request, meeting_slug, token, bilateral_id):
    """The requesting delegation takes the slot the secretariat proposed."""
    delegation = delegation_from_link(request, meeting_slug, token)
    bilateral = get_object_or_404(
        BilateralRequest, pk=bilateral_id, requested_by=delegation
    )
    try:
        accept_proposal(bilateral)
    except BilateralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The bilateral meeting is confirmed."))
    return redirect(delegation.get_manage_url() + "#bilaterals")
