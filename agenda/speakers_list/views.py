"""List of speakers pages: public order, inscription by private link, the chair's view.

The chair's view works without JavaScript (its buttons post and the page is shown
again); with it, static/agenda/speakers_chair.js counts the speaker's time down.
"""

import csv

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from consultation.models import Meeting
from consultation.pdf import pdf_response
from consultation.selectors import published_meeting
from consultation.signin.services import record_personal_data_export
from delegates.exports import neutralise_formula
from delegates.selectors import get_delegation_from_token, get_registration_from_token

from .forms import InscriptionForm
from .pdf import render_list_of_speakers
from .selectors import (
    chair_state,
    delegation_inscriptions,
    get_meeting_list,
    meeting_lists,
    open_lists,
    speaking_order,
)
from .services import (
    SpeakersListError,
    call_next_speaker,
    inscribe_speaker,
    mark_spoken,
    may_inscribe,
    withdraw_inscription,
)

CHAIR_PERMISSION = "agenda.change_listofspeakers"
EXPORT_PERMISSION = "agenda.view_listofspeakers"


def lists_of_speakers(request, meeting_slug):
    """The meeting's lists of speakers, one per agenda item that has one."""
    meeting = published_meeting(request, meeting_slug)
    return render(
        request,
        "agenda/speakers_list/index.html",
        {"meeting": meeting, "lists": meeting_lists(meeting)},
    )


def public_list(request, meeting_slug, pk):
    """One list of speakers in speaking order, as anyone may read it."""
    meeting = published_meeting(request, meeting_slug)
    list_of_speakers = get_meeting_list(meeting, pk)
    return render(
        request,
        "agenda/speakers_list/public.html",
        {
            "meeting": meeting,
            "list_of_speakers": list_of_speakers,
            "order": speaking_order(list_of_speakers),
        },
    )


@never_cache
def inscribe_as_delegate(request, meeting_slug, token):
    """A head of delegation or an alternate inscribes a speaker of the delegation."""
    meeting = published_meeting(request, meeting_slug)
    registration = get_registration_from_token(meeting, token)
    if not may_inscribe(registration):
        return render(
            request,
            "agenda/speakers_list/not_allowed.html",
            {"meeting": meeting, "back_url": registration.get_private_url()},
            status=403,
        )
    delegation = registration.delegation
    delegation.meeting = meeting
    return _inscription_page(
        request,
        delegation=delegation,
        by=registration,
        back_url=registration.get_private_url(),
        withdraw_url_name="speakers_list:withdraw",
        token=token,
    )


@never_cache
def inscribe_as_focal_point(request, meeting_slug, token):
    """The delegation's focal point inscribes one of its speakers."""
    meeting = published_meeting(request, meeting_slug)
    delegation = get_delegation_from_token(meeting, token)
    return _inscription_page(
        request,
        delegation=delegation,
        by=None,
        back_url=delegation.get_manage_url(),
        withdraw_url_name="speakers_list:delegation_withdraw",
        token=token,
    )


def _inscription_page(request, *, delegation, by, back_url, withdraw_url_name, token):
    meeting = delegation.meeting
    form = InscriptionForm(request.POST or None, delegation=delegation)
    if request.method == "POST" and form.is_valid():
        try:
            inscription = inscribe_speaker(
                list_of_speakers=form.cleaned_data["list_of_speakers"],
                delegation=delegation,
                speaker=form.cleaned_data["speaker"],
                level=form.cleaned_data["level"],
                by=by,
            )
        except SpeakersListError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is inscribed on %(item)s, in place %(place)d for now.")
                % {
                    "name": inscription.speaker.display_name,
                    "item": inscription.list_of_speakers.agenda_item.label,
                    "place": inscription.position,
                },
            )
            return redirect(request.path)
    return render(
        request,
        "agenda/speakers_list/inscribe.html",
        {
            "meeting": meeting,
            "delegation": delegation,
            "inscriptions": delegation_inscriptions(delegation),
            "has_open_lists": open_lists(meeting).exists(),
            "form": form,
            "back_url": back_url,
            "withdraw_url_name": withdraw_url_name,
            "token": token,
        },
    )


@require_POST
def withdraw_as_delegate(request, meeting_slug, token, pk):
    meeting = published_meeting(request, meeting_slug)
    registration = get_registration_from_token(meeting, token)
    if not may_inscribe(registration):
        return render(
            request,
            "agenda/speakers_list/not_allowed.html",
            {"meeting": meeting, "back_url": registration.get_private_url()},
            status=403,
        )
    return _withdraw(
        request,
        registration.delegation,
        pk,
        then=reverse("speakers_list:inscribe", args=[meeting.slug, token]),
    )


@require_POST
def withdraw_as_focal_point(request, meeting_slug, token, pk):
    meeting = published_meeting(request, meeting_slug)
    return _withdraw(
        request,
        get_delegation_from_token(meeting, token),
        pk,
        then=reverse("speakers_list:delegation_inscribe", args=[meeting.slug, token]),
    )


def _withdraw(request, delegation, pk, *, then):
    inscription = get_object_or_404(
        delegation.speaker_inscriptions.select_related("speaker", "list_of_speakers"),
        pk=pk,
    )
    try:
        withdraw_inscription(inscription, delegation=delegation)
    except SpeakersListError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s is no longer on the list of speakers.")
            % {"name": inscription.speaker.display_name},
        )
    return redirect(then)


def _staff_list(meeting_slug, pk):
    meeting = get_object_or_404(Meeting, slug=meeting_slug)
    return get_meeting_list(meeting, pk)


@never_cache
@staff_member_required
@permission_required(CHAIR_PERMISSION, raise_exception=True)
def chair(request, meeting_slug, pk):
    """The chair's view, full screen: who speaks now and next, the time left."""
    list_of_speakers = _staff_list(meeting_slug, pk)
    return render(
        request,
        "agenda/speakers_list/chair.html",
        {
            "meeting": list_of_speakers.agenda_item.meeting,
            "state": chair_state(list_of_speakers, now=timezone.now()),
        },
    )


@require_POST
@staff_member_required
@permission_required(CHAIR_PERMISSION, raise_exception=True)
def chair_next(request, meeting_slug, pk):
    """Give the floor to the next speaker; the current one has spoken."""
    list_of_speakers = _staff_list(meeting_slug, pk)
    call_next_speaker(list_of_speakers)
    return redirect("speakers_list:chair", meeting_slug=meeting_slug, pk=pk)


@require_POST
@staff_member_required
@permission_required(CHAIR_PERMISSION, raise_exception=True)
def chair_mark_spoken(request, meeting_slug, pk, inscription_pk):
    """Mark one speaker as done, e.g. one who is not in the room."""
    list_of_speakers = _staff_list(meeting_slug, pk)
    inscription = get_object_or_404(
        list_of_speakers.inscriptions.all(), pk=inscription_pk
    )
    mark_spoken(inscription)
    return redirect("speakers_list:chair", meeting_slug=meeting_slug, pk=pk)


@staff_member_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def export_csv(request, meeting_slug, pk):
    """The list in speaking order as CSV, for the secretariat."""
    list_of_speakers = _staff_list(meeting_slug, pk)
    item = list_of_speakers.agenda_item
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="speakers-{item.meeting.slug}-item-{item.number}'
        f'{item.sub_letter}.csv"'
    )
    response.write("\ufeff")  # Excel reads UTF-8 names only after a byte-order mark.
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Place"),
            _("Delegation"),
            _("Speaker"),
            _("Speaks as"),
            _("Inscribed"),
            _("Spoke"),
        ]
    )
    tz = item.meeting.tzinfo
    entries = speaking_order(list_of_speakers)
    _record_export(request, item, entries, file_format="CSV")
    for entry in entries:
        writer.writerow(
            [
                entry.position,
                neutralise_formula(entry.delegation.name),
                neutralise_formula(entry.speaker.display_name),
                entry.get_level_display(),
                entry.inscribed_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
                entry.spoken_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
                if entry.spoken_at
                else "",
            ]
        )
    return response


@staff_member_required
@permission_required(EXPORT_PERMISSION, raise_exception=True)
def export_pdf(request, meeting_slug, pk):
    """The list in speaking order as a PDF, for the secretariat."""
    list_of_speakers = _staff_list(meeting_slug, pk)
    item = list_of_speakers.agenda_item
    entries = speaking_order(list_of_speakers)
    _record_export(request, item, entries, file_format="PDF")
    content = render_list_of_speakers(list_of_speakers, entries)
    return pdf_response(
        content,
        f"speakers-{item.meeting.slug}-item-{item.number}{item.sub_letter}.pdf",
    )


def _record_export(request, item, entries, *, file_format):
    record_personal_data_export(
        user=request.user,
        what=_("List of speakers, item %(item)s (%(format)s)")
        % {"item": f"{item.number}{item.sub_letter}", "format": file_format},
        rows=len(entries),
        passport_data=False,
    )
