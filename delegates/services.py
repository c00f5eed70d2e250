"""Business rules that write registrations."""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .emails import send_registration_email
from .enums import RegistrationStatus
from .models import Registration


class RegistrationError(Exception):
    """A registration rule was broken; the message is shown to the user."""


REGISTRATION_CLOSED_MESSAGES = {
    "not_yet_open": gettext_lazy("Registration for this meeting has not opened yet."),
    "closed": gettext_lazy("Registration for this meeting has closed."),
}

# Which statuses an organiser may move a registration to, from each status.
ALLOWED_TRANSITIONS = {
    RegistrationStatus.SUBMITTED: {
        RegistrationStatus.APPROVED,
        RegistrationStatus.REJECTED,
        RegistrationStatus.CANCELLED,
    },
    RegistrationStatus.APPROVED: {
        RegistrationStatus.REJECTED,
        RegistrationStatus.CANCELLED,
    },
    RegistrationStatus.REJECTED: {RegistrationStatus.APPROVED},
    RegistrationStatus.CANCELLED: set(),
}


def register_delegate(*, meeting, data) -> Registration:
    """Create a submitted registration for the meeting from validated form data.

    Side effects: writes one Registration; emails a "received" message after commit.
    Raises RegistrationError when registration is not open or the email is taken.
    """
    state = meeting.registration_state()
    if state != "open":
        raise RegistrationError(REGISTRATION_CLOSED_MESSAGES[state])
    registration = Registration(meeting=meeting, **data)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        if "unique_registration_email_per_meeting" in str(error):
            raise RegistrationError(
                _("This email address is already registered for this meeting.")
            ) from error
        raise
    transaction.on_commit(partial(send_registration_email, registration, "received"))
    return registration


def change_status(registration, *, to, by) -> bool:
    """Move a registration to a new status on an organiser's decision.

    Returns False (and changes nothing) when the move is not allowed from the
    current status. Side effects: saves the registration; emails the delegate
    about an approval or rejection after commit.
    """
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if to not in ALLOWED_TRANSITIONS[registration.status]:
            return False
        registration.status = to
        registration.status_changed_at = timezone.now()
        registration.status_changed_by = by
        registration.save(
            update_fields=[
                "status",
                "status_changed_at",
                "status_changed_by",
                "updated_at",
            ]
        )
    if to in (RegistrationStatus.APPROVED, RegistrationStatus.REJECTED):
        transaction.on_commit(partial(send_registration_email, registration, to))
    return True


def approve_registration(registration, *, by) -> bool:
    return change_status(registration, to=RegistrationStatus.APPROVED, by=by)


def reject_registration(registration, *, by) -> bool:
    return change_status(registration, to=RegistrationStatus.REJECTED, by=by)
