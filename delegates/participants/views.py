"""The list of participants: a public page and its PDF, and a CSV for organisers."""

import csv

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from consultation.models import Meeting
from consultation.page_cache.kept_pages import (
    ProgrammePage,
    programme_state_etag,
    render_once,
)
from consultation.pdf import pdf_response
from consultation.selectors import published_meeting
from consultation.signin.services import record_personal_data_export

from ..printing.participants_pdf import render_participant_list
from .selectors import attendance_split, listed_participants_state, public_participants


def participant_list(request, meeting_slug):
    """The public list, kept per state of the meeting's registrations and served
    early (consultation/page_cache): a large meeting lists thousands of people."""
    meeting = published_meeting(request, meeting_slug)
    # Without a session cookie nobody is signed in: the session stays untouched,
    # so the page does not vary on the cookie and can be kept for everyone.
    can_download = settings.SESSION_COOKIE_NAME in request.COOKIES and (
        request.user.has_perm("delegates.view_registration")
    )
    etag = programme_state_etag(meeting)
    listed = listed_participants_state(meeting)
    response = render_once(
        request,
        state=f"{etag}|{listed}|{can_download}",
        render=lambda: _render_list(request, meeting, can_download=can_download),
    )
    if not can_download:
        response.programme_page = ProgrammePage(
            meeting_slug=meeting.slug,
            etag=etag,
            live_state=listed_participants_state,
            live_value=listed,
        )
    return response


def _render_list(request, meeting, *, can_download):
    groups = public_participants(meeting)
    in_person, online = attendance_split(groups)
    return render(
        request,
        "delegates/participants/list.html",
        {
            "meeting": meeting,
            "groups": groups,
            "in_person": in_person,
            "online": online,
            "can_download": can_download,
        },
    )


@staff_member_required
@permission_required("delegates.view_registration", raise_exception=True)
def participant_csv(request, meeting_slug):
    """The public list as CSV, for organisers: the same people, the same columns."""
    meeting = get_object_or_404(Meeting, slug=meeting_slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="participants-{meeting.slug}.csv"'
    )
    response.write("\ufeff")  # Excel reads UTF-8 names only after a byte-order mark.
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Group"),
            _("Country or organisation"),
            _("Capacity"),
            _("Name"),
            _("Job title"),
            _("Organisation"),
        ]
    )
    rows = 0
    for group in public_participants(meeting):
        for entity in group.entities:
            for participant in entity.participants:
                rows += 1
                writer.writerow(
                    [
                        csv_safe(str(group.heading)),
                        csv_safe(entity.name),
                        csv_safe(participant.role_label),
                        csv_safe(participant.name),
                        csv_safe(participant.job_title),
                        csv_safe(participant.organisation),
                    ]
                )
    record_personal_data_export(
        user=request.user,
        what=_("List of participants (CSV)"),
        rows=rows,
        passport_data=False,
    )
    return response


def csv_safe(value):
    """Neutralise spreadsheet formulas in text that delegates typed themselves."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def participant_list_pdf(request, meeting_slug):
    """The public list of participants as a PDF: the same people, the same groups."""
    meeting = published_meeting(request, meeting_slug)
    content = render_participant_list(meeting, public_participants(meeting))
    response = pdf_response(content, f"participants-{meeting.slug}.pdf")
    # Public data: a shared cache may keep it briefly, like the page itself.
    response["Cache-Control"] = "public, max-age=300"
    return response
