"""Badges and visa support letters of many registrations, made by a worker.

The admin's print actions start one of these jobs beyond JOBS_INLINE_LIMIT rows
(consultation/jobs/); a worker draws the PDF and the organiser downloads it from
the job's page.
"""

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from consultation.jobs.kinds import JobResult, register
from consultation.jobs.services import start_job

from ..models import Registration
from ..services import RegistrationError
from .badges import badge_order_key, badge_registrations, print_badges
from .visa_letters import render_visa_letters, visa_letter_problem

BADGES = "delegates.badges"
VISA_LETTERS = "delegates.visa_letters"


def _only_meeting(queryset):
    """The meeting of every row of queryset, or None when they are of several."""
    meetings = list(queryset.order_by().values_list("meeting", flat=True).distinct())
    return meetings[0] if len(meetings) == 1 else None


def start_badges_job(*, registrations, layout: str, by):
    """Start a job that prints the badges of `registrations` that get one
    (approved, in person).

    Side effects: writes one queued Job; a worker makes the PDF after commit.
    """
    approved = registrations.with_badge()
    pks = list(approved.values_list("pk", flat=True))
    return start_job(
        kind=BADGES,
        total=len(pks),
        parameters={"registrations": pks, "layout": layout},
        view_permission="delegates.view_registration",
        created_by=by,
        meeting_id=_only_meeting(approved),
    )


def start_visa_letters_job(*, registrations, by):
    """Start a job that writes the visa support letters of `registrations`.

    Side effects: writes one queued Job; a worker makes the PDF after commit.
    """
    pks = list(registrations.values_list("pk", flat=True))
    return start_job(
        kind=VISA_LETTERS,
        total=len(pks),
        parameters={"registrations": pks},
        view_permission="delegates.view_passport_data",
        created_by=by,
        meeting_id=_only_meeting(registrations),
    )


def make_badges(job, progress) -> JobResult:
    """Draw the badges the job names (those still approved), in printing order."""
    layout = job.parameters["layout"]
    registrations = badge_registrations(
        Registration.objects.filter(pk__in=job.parameters["registrations"])
    )
    left_out = job.total - len(registrations)
    notes = []
    if left_out:
        notes.append(
            ngettext(
                "%(count)d registration is no longer approved.",
                "%(count)d registrations are no longer approved.",
                left_out,
            )
            % {"count": left_out}
        )
    printed = print_badges(
        registrations, layout=layout, progress=lambda count: progress(left_out + count)
    )
    notes.extend(
        gettext("%(name)s: the photo could not be read; the badge shows a placeholder.")
        % {"name": registration.full_name}
        for registration in printed.unreadable_photos
    )
    return JobResult(content=printed.pdf, file_name=f"badges-{layout}.pdf", notes=notes)


def make_visa_letters(job, progress) -> JobResult:
    """Write the letters the job names; a person who cannot have one is a note."""
    registrations = sorted(
        Registration.objects.filter(
            pk__in=job.parameters["registrations"]
        ).select_related("meeting", "delegation"),
        key=badge_order_key,
    )
    ready, notes = [], []
    for registration in registrations:
        problem = visa_letter_problem(registration)
        if problem:
            notes.append(f"{registration.full_name}: {problem}")
        else:
            ready.append(registration)
    if not ready:
        raise RegistrationError(
            gettext("None of the selected registrations can have a visa letter.")
        )
    skipped = job.total - len(ready)
    return JobResult(
        content=render_visa_letters(
            ready, progress=lambda count: progress(skipped + count)
        ),
        file_name="visa-letters.pdf",
        notes=notes,
    )


def register_kinds() -> None:
    """Make the printing jobs known to the web processes and the workers."""
    register(BADGES, label=_("Badges"), run=make_badges)
    register(VISA_LETTERS, label=_("Visa support letters"), run=make_visa_letters)
