"""CSV exports of side event attendees and waiting lists for organisers."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from .selectors import side_event_answers_of

# Spreadsheet programs run a cell starting with these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    ("side_event", lambda signup: signup.side_event.session.title),
    ("status", lambda signup: signup.get_status_display()),
    ("position", lambda signup: signup.position),
    ("honorific", lambda signup: signup.registration.get_honorific_display()),
    ("given_name", lambda signup: signup.registration.given_name),
    ("family_name", lambda signup: signup.registration.family_name),
    ("job_title", lambda signup: signup.registration.job_title),
    ("organisation", lambda signup: signup.registration.organisation),
    ("country", lambda signup: signup.registration.country.name),
    ("category", lambda signup: signup.registration.get_category_display()),
    ("role", lambda signup: signup.registration.get_role_display()),
    ("email", lambda signup: signup.registration.email),
    ("signed_up", lambda signup: _local(signup, signup.requested_at)),
    ("seat_given", lambda signup: _local(signup, signup.booked_at)),
    (
        "invitation_code",
        lambda signup: signup.invitation_code.code if signup.invitation_code else "",
    ),
    (
        "added_by",
        lambda signup: signup.added_by.get_username() if signup.added_by else "",
    ),
    # The answers to the side event's own questions, "question: answer" each.
    (
        "answers",
        lambda signup: "; ".join(
            f"{answer.question.label}: {answer.display_value()}"
            for answer in side_event_answers_of(signup)
        ),
    ),
]


def signups_csv_response(signups, *, filename) -> HttpResponse:
    """A CSV download of the sign-ups, one row each, in the order given.

    Each sign-up needs ``position`` (its place in its list) set by the caller,
    and its person's answers prefetched (``selectors.SIDE_EVENT_ANSWERS``).
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([name for name, _value in COLUMNS])
    for signup in signups:
        writer.writerow([_safe(value(signup)) for _name, value in COLUMNS])
    return response


def _local(signup, moment):
    if moment is None:
        return ""
    tz = signup.side_event.session.meeting.tzinfo
    return timezone.localtime(moment, tz).strftime("%Y-%m-%d %H:%M")


def _safe(value):
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text
